/**
 * Where an arrow key (or Home, End, Page Up, Page Down) moves the focus in a grid whose rows may
 * be of different lengths (the "recently used" row and the last row of a category are short).
 */

/** A cell: its row, and its column in that row. */
export interface GridCell {
  row: number;
  col: number;
}

/** Rows that Page Up and Page Down move by. */
const PAGE = 4;

/**
 * The cell `key` moves to from `at` in rows of `lengths` cells, or undefined for a key that does
 * not move or a move off the top (the caller may hand the focus back to the search field). Left
 * and right wrap to the row before or after, and are swapped in right-to-left text.
 */
export function gridMove(lengths: readonly number[], at: GridCell, key: string, rtl = false, ctrl = false): GridCell | undefined {
  const last = lengths.length - 1;
  const clamp = (row: number, col: number): GridCell => ({ row, col: Math.min(col, lengths[row] - 1) });
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = rtl ? 'ArrowRight' : 'ArrowLeft';
  switch (key) {
    case forward:
      if (at.col < lengths[at.row] - 1) return { row: at.row, col: at.col + 1 };
      return at.row < last ? { row: at.row + 1, col: 0 } : at;
    case back:
      if (at.col > 0) return { row: at.row, col: at.col - 1 };
      return at.row > 0 ? { row: at.row - 1, col: lengths[at.row - 1] - 1 } : at;
    case 'ArrowDown':
      return at.row < last ? clamp(at.row + 1, at.col) : at;
    case 'ArrowUp':
      return at.row > 0 ? clamp(at.row - 1, at.col) : undefined;
    case 'PageDown':
      return clamp(Math.min(last, at.row + PAGE), at.col);
    case 'PageUp':
      return clamp(Math.max(0, at.row - PAGE), at.col);
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: last, col: lengths[last] - 1 } : { row: at.row, col: lengths[at.row] - 1 };
    default:
      return undefined;
  }
}
