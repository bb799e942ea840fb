// Redraws a block of lines in place (ANSI: cursor to the block's first line, rewrite each line,
// clear what is left below). Writes nothing when the block did not change.
const CSI = '\x1b[';

export interface LiveScreen {
  draw(lines: readonly string[]): void;
  /** Leaves the last block on screen and gives the cursor back. */
  end(): void;
}

export function createLiveScreen(write: (text: string) => void): LiveScreen {
  let drawn: readonly string[] = [];
  let hidden = false;
  return {
    draw(lines) {
      if (lines.length === drawn.length && lines.every((line, i) => line === drawn[i])) return;
      let out = hidden ? '' : `${CSI}?25l`; // hide the cursor while redrawing in place
      hidden = true;
      if (drawn.length > 0) out += `${CSI}${drawn.length}F`; // to column 1, that many lines up
      out += lines.map((line) => `${line}${CSI}K\n`).join('');
      out += `${CSI}J`;
      write(out);
      drawn = [...lines];
    },
    end() {
      if (hidden) write(`${CSI}?25h`);
      hidden = false;
    },
  };
}
