// CAP or CTI for call control, by release (seed §3.1–§3.3, §4.2).
import { WARNING } from './outcome.ts';
import { formatRelease } from './parse-release.ts';
import type { BroadWorksRelease } from './types.ts';

export type CallControl = 'CAP' | 'CTI';

export function chooseCallControl(
  release: BroadWorksRelease,
  useCtiInsteadOfCap: boolean,
): { callControl: CallControl; notes: string[] } {
  const name = formatRelease(release);
  const portalSetting = `"Use CTI instead of CAP protocol"`;

  // seed §3.1: R20 and below always use CAP, even if the portal says CTI.
  if (release.major <= 20) {
    const notes = [`Call control: CAP, because Unity always uses CAP on BroadWorks R20 and below (${name}).`];
    if (useCtiInsteadOfCap) {
      notes.push(
        `${WARNING} ${portalSetting} is on in the Kakapo portal, but it is ignored on ${name}: CTI is only used from ` +
          `R21. Unity uses CAP.`,
      );
    }
    return { callControl: 'CAP', notes };
  }
  // seed §3.2, §4.2: on R21 (any service pack) the portal decides.
  if (release.major === 21) {
    return useCtiInsteadOfCap
      ? {
          callControl: 'CTI',
          notes: [`Call control: CTI, because ${portalSetting} is on and the server is ${name}.`],
        }
      : {
          callControl: 'CAP',
          notes: [`Call control: CAP, because ${portalSetting} is off and the server is ${name}.`],
        };
  }
  // seed §3.3: CAP is deprecated in R22, so R22 and later always use CTI.
  const notes = [
    `Call control: CTI, because CAP is deprecated from BroadWorks R22 and the server is ${name}; the portal ` +
      `setting ${portalSetting} does not matter here.`,
    `The customer firewall must allow outbound connections to the CTI server port (8011 plain, usually 8012 ` +
      `with TLS); after an upgrade to R22 this is the usual reason CTI cannot connect.`,
  ];
  return { callControl: 'CTI', notes };
}
