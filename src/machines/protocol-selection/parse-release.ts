// Lenient parsing of a BroadWorks release string (seed §3: the release decides CAP vs CTI).
// protocols/oci-p.md §8: the exact format of SystemSoftwareVersionGetResponse.version is
// unverified; forms seen in the field: `17sp4`, `20.0`, `21sp1`, `21.sp1`, `22`, `R24`,
// `24.0.944.ip1`, `Release 21.sp1`, `Rel_21.sp1_1.551`. Rule: the leading integer is the major,
// an optional `sp<n>` token anywhere after it is the service pack; anything else is ignored.
import type { BroadWorksRelease } from './types.ts';

export type ParsedRelease =
  | { ok: true; release: BroadWorksRelease }
  | { ok: false; reason: string };

/** Longest major we accept: three digits (R9 … R999). A longer number is a year or a build id. */
const MAX_MAJOR_DIGITS = 3;
const MAX_INPUT_LENGTH = 200;

// Optional product/release prefix ("BroadWorks", "Release", "Rel", "R"), then the major.
const LEADING_MAJOR = new RegExp(
  String.raw`^(?:broadworks[\s_.:-]*)?(?:(?:release|rel|r)[\s_.:-]*)?(\d{1,${MAX_MAJOR_DIGITS}})(?!\d)(.*)$`,
  's',
);
// `sp` as a token of its own (not the tail of a word such as "esp"), then its number.
const SERVICE_PACK = /(?:^|[^a-z])sp[\s_.-]*(\d{1,4})(?!\d)/;

/**
 * @example
 * parseRelease('21.sp1'); // { ok: true, release: { major: 21, sp: 1, … } }
 */
export function parseRelease(text: unknown): ParsedRelease {
  if (typeof text !== 'string') return { ok: false, reason: 'the release is not a text value' };
  if (text.length > MAX_INPUT_LENGTH) {
    return { ok: false, reason: `the release text is longer than ${MAX_INPUT_LENGTH} characters` };
  }
  const normalized = text.trim().toLowerCase();
  if (normalized === '') return { ok: false, reason: 'the release text is empty' };

  const leading = LEADING_MAJOR.exec(normalized);
  const majorDigits = leading?.[1];
  if (majorDigits === undefined) {
    return { ok: false, reason: `"${printable(text)}" does not start with a release number` };
  }
  const rest = leading?.[2] ?? '';
  const spDigits = SERVICE_PACK.exec(rest)?.[1];
  return {
    ok: true,
    release: { major: Number(majorDigits), sp: spDigits === undefined ? null : Number(spDigits) },
  };
}

/**
 * Release as a support engineer writes it: `R21sp1`, `R22`.
 *
 * @example
 * formatRelease({ major: 17, sp: 4 }); // '17.sp4'
 */
export function formatRelease(release: BroadWorksRelease): string {
  return `R${release.major}${release.sp === null ? '' : `sp${release.sp}`}`;
}

function printable(text: string): string {
  // Keep error messages one line and short; control characters become '?'.
  const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
