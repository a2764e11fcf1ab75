;; The search of totalFit (linebreak.ts), compiled ahead of time: the same dynamic programme,
;; operation for operation, in WebAssembly. Why: a render runs this loop some 40,000 times
;; for the worked example, and in a fresh process (the command line, the app's first preview)
;; V8 runs it in its interpreter, where every intermediate number is a heap object: about
;; 20 ms and 20 MB of garbage of a 100 ms first render. V8 compiles this module to machine code
;; in well under a millisecond. Results are bit for bit those of the script version
;; (IEEE-754 doubles on both sides, same operations in the same order): the tests compare
;; them on random paragraphs.
;;
;; scripts/wasm.mjs assembles this file into linebreak-wasm.ts (the bytes, in base64).
;;
;; Memory, for a capacity `cap` (cap >= count + 1), arrays one after another:
;;   f64 box, glue, stretch, shrink, penalty, penaltyWidth   (inputs, `count` entries)
;;   f64 W, Y, Z                                             (prefix sums, count + 1)
;;   f64 best[4·cap], reach[4·cap]
;;   i32 back[4·cap], reachFrom[4·cap]
;;   u8  flagged[cap]                                        (input: 1 where flagged)
;; 169 bytes per unit of capacity. `fit` fills W, Y, Z, best, back and returns the state the
;; cheapest paragraph ends in (count·4 + its last line's class); the caller walks `back`.
(module
  (memory (export "memory") 1)

  ;; settle(i): reach[i·4+cls] and reachFrom[i·4+cls] for each class, from best[i·4+c].
  (func $settle (param $i i32) (param $best i32) (param $reach i32) (param $rfrom i32)
    (local $cls i32) (local $c i32) (local $m f64) (local $from i32) (local $v f64) (local $d i32)
    (local.set $cls (i32.const 0))
    (loop $classes
      (local.set $m (f64.const inf))
      (local.set $from (i32.const -1))
      (local.set $c (i32.const 0))
      (loop $others
        (local.set $d (i32.sub (local.get $c) (local.get $cls)))
        ;; best[i·4+c] + (|c − cls| > 1 ? ADJACENT_DEMERITS : 0)
        (local.set $v
          (f64.add
            (f64.load (i32.add (local.get $best) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $c)) (i32.const 3))))
            (select (f64.const 10000) (f64.const 0)
              (i32.or (i32.gt_s (local.get $d) (i32.const 1)) (i32.lt_s (local.get $d) (i32.const -1))))))
        (if (f64.lt (local.get $v) (local.get $m))
          (then
            (local.set $m (local.get $v))
            (local.set $from (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_if $others (i32.lt_s (local.get $c) (i32.const 4))))
      (f64.store (i32.add (local.get $reach) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $cls)) (i32.const 3))) (local.get $m))
      (i32.store (i32.add (local.get $rfrom) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $cls)) (i32.const 2))) (local.get $from))
      (local.set $cls (i32.add (local.get $cls) (i32.const 1)))
      (br_if $classes (i32.lt_s (local.get $cls) (i32.const 4)))))

  (func (export "fit") (param $n i32) (param $cap i32) (param $max f64) (param $noGlueStretch f64) (result i32)
    (local $box i32) (local $glue i32) (local $str i32) (local $shr i32) (local $pen i32) (local $penw i32)
    (local $W i32) (local $Y i32) (local $Z i32) (local $best i32) (local $reach i32) (local $back i32) (local $rfrom i32) (local $flag i32)
    (local $k i32) (local $j i32) (local $i i32) (local $at i32) (local $cls i32)
    (local $last i32) (local $flaggedJ i32)
    (local $p f64) (local $penWidth f64) (local $fixed f64)
    (local $natural f64) (local $shrink f64) (local $width f64) (local $r f64) (local $ratio f64) (local $stretch f64)
    (local $a f64) (local $line f64) (local $demerits f64) (local $total f64)
    (local $maxEps f64) (local $minRatio f64) (local $Wj f64) (local $Yj f64) (local $Zj f64)
    ;; Where each array starts.
    (local.set $box (i32.const 0))
    (local.set $glue (i32.shl (local.get $cap) (i32.const 3)))
    (local.set $str (i32.shl (local.get $cap) (i32.const 4)))
    (local.set $shr (i32.mul (local.get $cap) (i32.const 24)))
    (local.set $pen (i32.shl (local.get $cap) (i32.const 5)))
    (local.set $penw (i32.mul (local.get $cap) (i32.const 40)))
    (local.set $W (i32.mul (local.get $cap) (i32.const 48)))
    (local.set $Y (i32.mul (local.get $cap) (i32.const 56)))
    (local.set $Z (i32.shl (local.get $cap) (i32.const 6)))
    (local.set $best (i32.mul (local.get $cap) (i32.const 72)))
    (local.set $reach (i32.mul (local.get $cap) (i32.const 104)))
    (local.set $back (i32.mul (local.get $cap) (i32.const 136)))
    (local.set $rfrom (i32.mul (local.get $cap) (i32.const 152)))
    (local.set $flag (i32.mul (local.get $cap) (i32.const 168)))

    ;; Prefix sums: W[k+1] = W[k] + (k = 0 ? 0 : glue[k]) + box[k], and Y, Z with stretch, shrink.
    (f64.store (local.get $W) (f64.const 0))
    (f64.store (local.get $Y) (f64.const 0))
    (f64.store (local.get $Z) (f64.const 0))
    (local.set $k (i32.const 0))
    (block $done
      (loop $sums
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (f64.store (i32.add (local.get $W) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3)))
          (f64.add
            (f64.add
              (f64.load (i32.add (local.get $W) (i32.shl (local.get $k) (i32.const 3))))
              (select (f64.const 0) (f64.load (i32.add (local.get $glue) (i32.shl (local.get $k) (i32.const 3)))) (i32.eqz (local.get $k))))
            (f64.load (i32.add (local.get $box) (i32.shl (local.get $k) (i32.const 3))))))
        (f64.store (i32.add (local.get $Y) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3)))
          (f64.add
            (f64.load (i32.add (local.get $Y) (i32.shl (local.get $k) (i32.const 3))))
            (select (f64.const 0) (f64.load (i32.add (local.get $str) (i32.shl (local.get $k) (i32.const 3)))) (i32.eqz (local.get $k)))))
        (f64.store (i32.add (local.get $Z) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 3)))
          (f64.add
            (f64.load (i32.add (local.get $Z) (i32.shl (local.get $k) (i32.const 3))))
            (select (f64.const 0) (f64.load (i32.add (local.get $shr) (i32.shl (local.get $k) (i32.const 3)))) (i32.eqz (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $sums)))

    ;; best[·] = ∞, back[·] = −1 over (n + 1)·4 states; the start is a decent line's end.
    (local.set $k (i32.const 0))
    (block $done
      (loop $init
        (br_if $done (i32.ge_s (local.get $k) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2))))
        (f64.store (i32.add (local.get $best) (i32.shl (local.get $k) (i32.const 3))) (f64.const inf))
        (i32.store (i32.add (local.get $back) (i32.shl (local.get $k) (i32.const 2))) (i32.const -1))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $init)))
    (f64.store (i32.add (local.get $best) (i32.const 16)) (f64.const 0))
    (call $settle (i32.const 0) (local.get $best) (local.get $reach) (local.get $rfrom))

    ;; The script's `max + eps` and `-1 - eps`, computed as it computes them.
    (local.set $maxEps (f64.add (local.get $max) (f64.const 1e-9)))
    (local.set $minRatio (f64.sub (f64.const -1) (f64.const 1e-9)))
    (local.set $j (i32.const 1))
    (block $paragraph
      (loop $breaks
        (br_if $paragraph (i32.gt_s (local.get $j) (local.get $n)))
        (local.set $last (i32.eq (local.get $j) (local.get $n)))
        (if (local.get $last)
          (then
            (local.set $p (f64.const 0))
            (local.set $penWidth (f64.const 0))
            (local.set $flaggedJ (i32.const 0)))
          (else
            (local.set $p (f64.load (i32.add (local.get $pen) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $penWidth (f64.load (i32.add (local.get $penw) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $flaggedJ (i32.load8_u (i32.add (local.get $flag) (local.get $j))))))
        (local.set $fixed (select (f64.mul (local.get $p) (local.get $p)) (f64.const 0) (f64.gt (local.get $p) (f64.const 0))))
        (local.set $Wj (f64.load (i32.add (local.get $W) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $Yj (f64.load (i32.add (local.get $Y) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $Zj (f64.load (i32.add (local.get $Z) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $i (i32.sub (local.get $j) (i32.const 1)))
        (block $lines
          (loop $starts
            (br_if $lines (i32.lt_s (local.get $i) (i32.const 0)))
            (block $next
              ;; A break before box i drops the glue there.
              (local.set $natural
                (f64.sub
                  (f64.sub (local.get $Wj) (f64.load (i32.add (local.get $W) (i32.shl (local.get $i) (i32.const 3)))))
                  (select (f64.const 0) (f64.load (i32.add (local.get $glue) (i32.shl (local.get $i) (i32.const 3)))) (i32.eqz (local.get $i)))))
              (local.set $shrink
                (f64.sub
                  (f64.sub (local.get $Zj) (f64.load (i32.add (local.get $Z) (i32.shl (local.get $i) (i32.const 3)))))
                  (select (f64.const 0) (f64.load (i32.add (local.get $shr) (i32.shl (local.get $i) (i32.const 3)))) (i32.eqz (local.get $i)))))
              ;; Lines starting further left only get wider: stop once even shrunk they overflow.
              (br_if $lines
                (i32.and
                  (f64.gt (f64.sub (local.get $natural) (local.get $shrink)) (local.get $maxEps))
                  (i32.lt_s (local.get $i) (i32.sub (local.get $j) (i32.const 1)))))
              (br_if $next
                (f64.eq (f64.load (i32.add (local.get $reach) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 2)) (i32.const 3)))) (f64.const inf)))
              (local.set $width (f64.add (local.get $natural) (local.get $penWidth)))
              (if (f64.gt (local.get $width) (local.get $maxEps))
                (then
                  ;; Shrink as needed; only a lone box may still overflow (it counts as fully shrunk).
                  (local.set $r
                    (select
                      (f64.div (f64.sub (local.get $max) (local.get $width)) (local.get $shrink))
                      (f64.const -inf)
                      (f64.gt (local.get $shrink) (f64.const 0))))
                  (br_if $next
                    (i32.and
                      (f64.lt (local.get $r) (local.get $minRatio))
                      (i32.lt_s (local.get $i) (i32.sub (local.get $j) (i32.const 1)))))
                  (local.set $ratio (select (f64.const -1) (local.get $r) (f64.lt (local.get $r) (f64.const -1)))))
                (else
                  (if (local.get $last)
                    (then (local.set $ratio (f64.const 0)))
                    (else
                      (local.set $stretch
                        (f64.sub
                          (f64.sub (local.get $Yj) (f64.load (i32.add (local.get $Y) (i32.shl (local.get $i) (i32.const 3)))))
                          (select (f64.const 0) (f64.load (i32.add (local.get $str) (i32.shl (local.get $i) (i32.const 3)))) (i32.eqz (local.get $i)))))
                      (local.set $ratio
                        (f64.div
                          (f64.sub (local.get $max) (local.get $width))
                          (select (local.get $stretch) (local.get $noGlueStretch) (f64.gt (local.get $stretch) (f64.const 0)))))))))
              ;; demerits = (LINE_PENALTY + 100·|ratio|³)² + penalty², as the script writes them.
              (local.set $a (select (f64.neg (local.get $ratio)) (local.get $ratio) (f64.lt (local.get $ratio) (f64.const 0))))
              (local.set $line
                (f64.add (f64.const 10)
                  (f64.mul (f64.mul (f64.mul (f64.const 100) (local.get $a)) (local.get $a)) (local.get $a))))
              (local.set $demerits (f64.add (f64.mul (local.get $line) (local.get $line)) (local.get $fixed)))
              (if (i32.and (i32.gt_s (local.get $i) (i32.const 0)) (i32.ne (i32.load8_u (i32.add (local.get $flag) (local.get $i))) (i32.const 0)))
                (then
                  (if (local.get $flaggedJ)
                    (then (local.set $demerits (f64.add (local.get $demerits) (f64.const 10000)))))
                  (if (local.get $last)
                    (then (local.set $demerits (f64.add (local.get $demerits) (f64.const 5000)))))))
              ;; Fitness class: 3 tight, 2 decent, 1 loose, 0 very loose.
              (local.set $cls
                (if (result i32) (f64.lt (local.get $ratio) (f64.const -0.5))
                  (then (i32.const 3))
                  (else
                    (if (result i32) (f64.le (local.get $ratio) (f64.const 0.5))
                      (then (i32.const 2))
                      (else (select (i32.const 1) (i32.const 0) (f64.le (local.get $ratio) (f64.const 1))))))))
              (local.set $total
                (f64.add
                  (f64.load (i32.add (local.get $reach) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $cls)) (i32.const 3))))
                  (local.get $demerits)))
              (local.set $at (i32.add (i32.shl (local.get $j) (i32.const 2)) (local.get $cls)))
              (if (f64.lt (local.get $total) (f64.load (i32.add (local.get $best) (i32.shl (local.get $at) (i32.const 3)))))
                (then
                  (f64.store (i32.add (local.get $best) (i32.shl (local.get $at) (i32.const 3))) (local.get $total))
                  (i32.store (i32.add (local.get $back) (i32.shl (local.get $at) (i32.const 2)))
                    (i32.load (i32.add (local.get $rfrom) (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $cls)) (i32.const 2))))))))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $starts)))
        (call $settle (local.get $j) (local.get $best) (local.get $reach) (local.get $rfrom))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $breaks)))

    ;; The cheapest end state: the first class of least demerits.
    (local.set $at (i32.shl (local.get $n) (i32.const 2)))
    (local.set $cls (i32.const 1))
    (loop $ends
      (if (f64.lt
            (f64.load (i32.add (local.get $best) (i32.shl (i32.add (i32.shl (local.get $n) (i32.const 2)) (local.get $cls)) (i32.const 3))))
            (f64.load (i32.add (local.get $best) (i32.shl (local.get $at) (i32.const 3)))))
        (then (local.set $at (i32.add (i32.shl (local.get $n) (i32.const 2)) (local.get $cls)))))
      (local.set $cls (i32.add (local.get $cls) (i32.const 1)))
      (br_if $ends (i32.lt_s (local.get $cls) (i32.const 4))))
    (local.get $at)))
