// oci-p.md §7: servers often omit errorCode; the number is in the summary as "[Error NNNN] …".
import type { OciErrorResponse } from './types.ts';

/**
 * @example
 * ociErrorCode(errorResponse); // 4962, read from errorCode or the summary text
 */
export function ociErrorCode(response: Pick<OciErrorResponse, 'errorCode' | 'summary' | 'summaryEnglish'>): number | undefined {
  if (response.errorCode !== undefined) return response.errorCode;
  const m = /\[Error (\d+)\]/.exec(response.summary) ?? /\[Error (\d+)\]/.exec(response.summaryEnglish);
  return m === null ? undefined : Number(m[1]);
}
