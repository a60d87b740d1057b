/** Text and icon per verdict for the document reporters (Markdown, HTML): never colour alone. */
import type { Status } from '../../probes/model.js';

/** An icon and a word for each verdict. */
export const STATUS_LABEL: Record<Status, { icon: string; text: string }> = {
  holds: { icon: '✔', text: 'holds' },
  broken: { icon: '✖', text: 'broken' },
  inconclusive: { icon: '?', text: 'inconclusive' },
  'not-applicable': { icon: '–', text: 'n/a' },
};

/** A short description of the verdict legend. */
export const STATUS_LEGEND = 'holds: evidence shows the boundary holds; broken: the probe showed the first step of an escape path; inconclusive: evidence missing or ambiguous (never counted as holds); n/a: not applicable on this target';
