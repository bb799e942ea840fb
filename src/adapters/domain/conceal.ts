// How a driver's news becomes loggable: every number and message text passes through a Conceal
// before it enters a domain event (issue 11: no IM text and no dialled or remote numbers in a
// shared log). The client supplies it (a keyed digest, or the text when content is recorded).
import type { Sensitive } from '../../machines/domain/sensitive.ts';

export type Conceal = (text: string) => Sensitive;
