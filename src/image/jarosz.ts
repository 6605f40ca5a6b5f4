/**
 * The Jarosz filter PDQ blurs with before it decimates to 64×64: two X,Y passes of 1-D box filters,
 * which together make a tent filter (Wojciech Jarosz, "Fast Image Convolutions", SIGGRAPH 2001).
 * Written from the description and the behaviour of Meta's reference (`pdq/cpp/downscaling`), to
 * give the same numbers: same window sizes, same shrinking windows at the edges, same decimation.
 * @see https://github.com/facebook/ThreatExchange/tree/main/pdq
 */

/**
 * Box-window size for one pass along a dimension: a full output cell is `old / new` pixels, and
 * two passes each cover half of it, so `ceil(old / (2 * new))`.
 */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * One box-filter pass along each row (in → out). The window is centred (7 → 3 left, 3 right;
 * 8 → 4 left, 3 right) and shrinks at both edges, averaging only the pixels inside the image.
 */
function boxAlongRows(inp: Float32Array, out: Float32Array, rows: number, cols: number, window: number): void {
  const half = (window + 2) >> 1;
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = cols - window;
  const phase4 = half - 1;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let li = base;
    let ri = base;
    let oi = base;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < phase1; i++) { sum += inp[ri++]!; n++; }
    for (let i = 0; i < phase2; i++) { sum += inp[ri++]!; n++; out[oi++] = sum / n; }
    const inv = 1 / n; // full window: multiply rather than divide (same float32 result)
    for (let i = 0; i < phase3; i++) { sum += inp[ri++]! - inp[li++]!; out[oi++] = sum * inv; }
    for (let i = 0; i < phase4; i++) { sum -= inp[li++]!; n--; out[oi++] = sum / n; }
  }
}

/**
 * The same pass down each column, done a whole row at a time (one running sum per column) so that
 * memory is read in order rather than with a stride of a row.
 */
function boxAlongCols(inp: Float32Array, out: Float32Array, rows: number, cols: number, window: number, sums: Float64Array): void {
  const half = (window + 2) >> 1;
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = rows - window;
  const phase4 = half - 1;
  sums.fill(0, 0, cols);
  let li = 0; // row offsets
  let ri = 0;
  let oi = 0;
  let n = 0;
  for (let i = 0; i < phase1; i++, ri += cols) {
    for (let j = 0; j < cols; j++) sums[j]! += inp[ri + j]!;
    n++;
  }
  for (let i = 0; i < phase2; i++, ri += cols, oi += cols) {
    n++;
    for (let j = 0; j < cols; j++) out[oi + j] = (sums[j]! += inp[ri + j]!) / n;
  }
  const inv = 1 / n;
  for (let i = 0; i < phase3; i++, ri += cols, li += cols, oi += cols) {
    for (let j = 0; j < cols; j++) out[oi + j] = (sums[j]! += inp[ri + j]! - inp[li + j]!) * inv;
  }
  for (let i = 0; i < phase4; i++, li += cols, oi += cols) {
    n--;
    for (let j = 0; j < cols; j++) out[oi + j] = (sums[j]! -= inp[li + j]!) / n;
  }
}

/**
 * Blurs `buffer1` in place (`buffer2` is scratch of the same size, `sums` at least `cols` long)
 * with `passes` X,Y pairs of box filters.
 */
export function jaroszFilter(
  buffer1: Float32Array,
  buffer2: Float32Array,
  sums: Float64Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  passes: number,
): void {
  for (let p = 0; p < passes; p++) {
    boxAlongRows(buffer1, buffer2, rows, cols, windowAlongRows);
    boxAlongCols(buffer2, buffer1, rows, cols, windowAlongCols, sums);
  }
}

/** Samples `out` (outRows × outCols) at the centres of its cells in `inp` (rows × cols). */
export function decimate(inp: Float32Array, rows: number, cols: number, out: Float32Array, outRows: number, outCols: number): void {
  for (let oi = 0; oi < outRows; oi++) {
    const ini = Math.floor(((oi + 0.5) * rows) / outRows);
    for (let oj = 0; oj < outCols; oj++) {
      const inj = Math.floor(((oj + 0.5) * cols) / outCols);
      out[oi * outCols + oj] = inp[ini * cols + inj]!;
    }
  }
}
