// A growable byte window [start, end) over one backing array; compacts before growing so memory
// stays near the largest partial document (issue 3: memory bounded).

export class ByteWindow {
  buf: Uint8Array = new Uint8Array(4096);
  start = 0;
  end = 0;

  /** Appends bytes; returns the shift applied to absolute positions (subtract it from saved indices). */
  append(bytes: Uint8Array): number {
    let shift = 0;
    if (this.end + bytes.length > this.buf.length) {
      shift = this.start;
      const used = this.end - this.start;
      if (used + bytes.length > this.buf.length) {
        let cap = this.buf.length;
        while (cap < used + bytes.length) cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      } else if (shift > 0) {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.start = 0;
      this.end = used;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
    return shift;
  }

  /** Drops everything (keeps the backing array unless it grew large). */
  clear(): void {
    this.start = 0;
    this.end = 0;
    if (this.buf.length > 1 << 20) this.buf = new Uint8Array(4096);
  }
}
