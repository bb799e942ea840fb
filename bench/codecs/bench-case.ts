// A benchmark case: documents as they come off the wire, our full decode, and raw fast-xml-parser
// parsing the same bytes. bench/codecs/run.ts runs every case; cti-case.ts (optional) adds more
// by exporting `cases: BenchCase[]` (or a default BenchCase / BenchCase[]).
export interface BenchCase {
  readonly name: string;
  /** One entry per document. */
  readonly bytes: readonly Uint8Array[];
  /** Our decoder on one document; must throw (or return a failed Result) on failure. */
  readonly decode: (doc: Uint8Array) => unknown;
  /** Raw fast-xml-parser on the same document (including bytes → text). */
  readonly rawParse: (doc: Uint8Array) => unknown;
}
