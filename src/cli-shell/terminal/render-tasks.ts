// The start-up task list as lines: a spinner on the running step, then ✓ or ✗ with its duration;
// under a ✗, the reason (what happened and what to change, seed §5), wrapped to the screen.
import type { StartupTask } from './startup-tasks.ts';
import type { Style } from './style.ts';
import { fit, formatDuration, pad, wrap } from './text-layout.ts';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_FRAME_MS = 100;

export interface RenderOptions {
  /** Clock time (ms, the same clock as the log's entries). */
  now: number;
  width: number;
  style: Style;
}

export function renderTasks(tasks: readonly StartupTask[], { now, width, style }: RenderOptions): string[] {
  const lines: string[] = [];
  for (const task of tasks) {
    const label = pad(task.label, 18);
    switch (task.status) {
      case 'pending':
        lines.push(style.dim(fit(`  · ${task.label}`, width)));
        break;
      case 'skipped':
        lines.push(style.dim(fit(`  - ${label} not used by this session`, width)));
        break;
      case 'running': {
        const frame = SPINNER[Math.floor(now / SPINNER_FRAME_MS) % SPINNER.length]!;
        lines.push(`  ${style.warn(frame)} ${fit(`${label} ${formatDuration(now - (task.startedAt ?? now))}`, width - 4)}`);
        break;
      }
      case 'done':
        lines.push(`  ${style.ok('✓')} ${fit(`${label} ${formatDuration(task.endedAt! - task.startedAt!)}`, width - 4)}`);
        break;
      case 'failed':
        lines.push(`  ${style.bad('✗')} ${fit(`${label} ${formatDuration(task.endedAt! - task.startedAt!)}`, width - 4)}`);
        for (const line of wrap(task.reason ?? 'failed', width - 6)) lines.push(`      ${line}`);
        break;
    }
  }
  return lines;
}
