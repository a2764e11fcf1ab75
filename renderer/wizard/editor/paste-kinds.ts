/** Something a paste could not keep (see paste.ts); DOM-free, for the texts that name them. */
export type Dropped = 'underline' | 'link' | 'footnote' | 'image' | 'strike' | 'table-moved';
