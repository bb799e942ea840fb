// Redraws a block of lines in place (ANSI: cursor to the block's first line, rewrite each line,
// clear what is left below). Writes nothing when the block did not change.
const CSI = '\x1b[';

export interface LiveScreen {
  draw(lines: readonly string[]): void;
  /**
   * After a resize the terminal re-wraps what is on screen, so the block's height is unknown:
   * the next draw clears the screen and starts at its top.
   */
  resized(): void;
  /** Leaves the last block on screen and gives the cursor back. */
  end(): void;
}

export function createLiveScreen(write: (text: string) => void): LiveScreen {
  let drawn: readonly string[] = [];
  let hidden = false;
  let clear = false;
  return {
    draw(lines) {
      if (!clear && lines.length === drawn.length && lines.every((line, i) => line === drawn[i])) return;
      let out = hidden ? '' : `${CSI}?25l`; // hide the cursor while redrawing in place
      hidden = true;
      if (clear) out += `${CSI}2J${CSI}H`;
      else if (drawn.length > 0) out += `${CSI}${drawn.length}F`; // to column 1, that many lines up
      clear = false;
      out += lines.map((line) => `${line}${CSI}K\n`).join('');
      out += `${CSI}J`;
      write(out);
      drawn = [...lines];
    },
    resized() {
      clear = true;
    },
    end() {
      if (hidden) write(`${CSI}?25h`);
      hidden = false;
    },
  };
}
