// The start-up as one line of words for the dashboard's connections card: what it is doing
// ("starting: logging in to OCI"), that it is ready, or that it stopped and why in short (the stop
// panel above says the rest), with the call control and BroadWorks release once known. Never a
// machine's state name such as `branding.byLoginId`.
import type { SessionStatus } from '../../../client/index.ts';
import { stopTitle } from '../../stop-titles.ts';

/** What each running step of the start-up does, by the step's top-level state. */
const STEPS: Readonly<Record<string, string>> = {
  branding: 'reading the branding from the Kakapo portal',
  oci: 'logging in to OCI',
  profile: 'reading the user profile',
  callControl: 'choosing call control',
  cti: 'connecting CTI',
  cap: 'registering for CAP',
  license: 'checking the license',
  messaging: 'connecting instant messaging',
  stopping: 'stopping',
};

/**
 * The start-up in words.
 *
 * @example
 * startupInWords({ outcome: 'starting', step: 'branding.byLoginId', stop: null, … }); // 'starting: reading the branding from the Kakapo portal'
 * startupInWords({ outcome: 'ready', step: 'ready', callControl: 'CTI', release: '24', … }); // 'ready · call control over CTI · BroadWorks release 24'
 */
export function startupInWords(status: Pick<SessionStatus, 'outcome' | 'step' | 'stop' | 'callControl' | 'release'> | null): string {
  if (status === null) return 'not started yet';
  const known = [...(status.callControl !== null ? [`call control over ${status.callControl}`] : []), ...(status.release !== null ? [`BroadWorks release ${status.release}`] : [])];
  const more = known.length > 0 ? ` · ${known.join(' · ')}` : '';
  if (status.outcome === 'ready') return `ready${more}`;
  if (status.outcome === 'stopped') {
    const code = status.stop?.code ?? 'closed';
    return code === 'closed' ? 'closed by you' : `stopped: ${stopTitle(code)}`;
  }
  const step = status.step.split('.')[0] ?? '';
  return `starting: ${STEPS[step] ?? 'in progress'}${more}`;
}
