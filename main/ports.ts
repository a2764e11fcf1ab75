/*
 * What only Electron can do, as small interfaces. Services receive these; the Electron shell
 * passes real ones (main/electron/ports.ts), tests and the browser harness pass their own.
 */

/** A file type offered in a dialog: « Convention Paraphe (*.json) ». */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/** Asks the user where to read or write a file. `null` means the user cancelled. */
export interface DialogPort {
  chooseSavePath(options: { readonly title: string; readonly defaultName: string; readonly filters: readonly FileFilter[] }): Promise<string | null>;
  chooseOpenPath(options: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string | null>;
}

/** Where the app keeps its data and which version it is. */
export interface AppPathsPort {
  /** The app-data folder (Electron: `app.getPath('userData')`/data). */
  readonly dataDir: string;
  readonly appName: string;
  readonly version: string;
}

/** Hands a file to the operating system (open a PDF, show a folder). */
export interface ShellPort {
  openPath(path: string): Promise<void>;
  showItemInFolder(path: string): void;
}

/** Everything main's services may need from the outside world. */
export interface Ports {
  readonly dialog: DialogPort;
  readonly paths: AppPathsPort;
  readonly shell: ShellPort;
}
