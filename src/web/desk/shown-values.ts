// A desk form that edits stored fields is loaded, then saved, minutes apart: meanwhile another
// editor, the API or a check may change a field the editor never touched, and writing back every
// field the form holds would put the value the page was loaded with over that change. So a form
// carries, beside each field, the value it showed (a hidden input, escaped like any attribute by
// the site's html template); at the save a field whose submitted value is still the shown one
// writes nothing, and a field changed or cleared is written. A post without a shown value for a
// field (a page cached from before, a hand-made request) is "write what is given", as before.
import { html, type Html } from '../html.js';
import { isolateText } from '../../text/bidi.js';
import { field, type Form } from './forms.js';
import type { DeskUi } from './shell.js';

const PREFIX = 'shown_';

/** The hidden inputs carrying the values a form shows, by field name. */
export function shownInputs(values: Readonly<Record<string, string>>): Html {
  return html`${Object.entries(values).map(([name, value]) => html`<input type="hidden" name="${PREFIX}${name}" value="${value}">`)}`;
}

/** The value the form said it showed for `name`, or undefined when it carried none. */
export function shownValue(f: Form, name: string): string | undefined {
  return PREFIX + name in f ? field(f, PREFIX + name) : undefined;
}

/**
 * Whether the editor changed field `name` from what the form showed: true when the form carried no
 * shown value for it. A checkbox not ticked is absent, read as '' (show it as '1' or '').
 */
export function changedFromShown(f: Form, name: string): boolean {
  const shown = shownValue(f, name);
  return shown === undefined || shown !== field(f, name);
}

/**
 * changedFromShown, both values read as the field is written (`as`: a headline cleaned, an interval
 * in whole minutes): a field retyped in another spelling of what the page showed (a space at its
 * end, "05" for 5) changes nothing stored, so it is left alone — no write, no audit row, "nothing to
 * save" — rather than written as itself (r-meanwhile).
 */
export function changedFromShownAs(f: Form, name: string, as: (value: string) => string): boolean {
  const shown = shownValue(f, name);
  return shown === undefined || as(shown) !== as(field(f, name));
}

/**
 * The shown values a page drawn again after a refused save carries: those the refused post carried,
 * so a field changed by another writer since the first load still counts as left alone; `current`
 * for a field the post carried none of.
 */
export function shownAgain(f: Form | undefined, current: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(current)) out[name] = (f && shownValue(f, name)) ?? value;
  return out;
}

// "Changed meanwhile" (p-meanwhile, domain/shown-check.ts): the store does not write a field the
// editor changed when its stored value also moved since the page was shown. The form is drawn
// again with the editor's value in that field, the stored value beside it, and the stored value as
// the field's new shown value, so that saving again writes it.

/** The note beside a field not written: another writer's value, isolated (bidi) and escaped. */
export function meanwhileNote(ui: DeskUi, name: string, stored: string, box = false): Html {
  const words = box
    ? ui.d(stored === '1' ? 'meanwhile.on' : 'meanwhile.off')
    : stored
      ? isolateText(`“${stored}”`)
      : ui.d('meanwhile.empty');
  return html` <span class="meanwhile" role="alert" data-meanwhile="${name}">${ui.d('meanwhile.field', { stored: words })}</span>`;
}

/** The notice above a form drawn again after a save with a field not written. */
export function meanwhileNotice(ui: DeskUi, someWritten: boolean): Html {
  return html`<p role="alert" data-meanwhile-notice="${someWritten ? 'some' : 'none'}">${ui.d(someWritten ? 'meanwhile.someSaved' : 'meanwhile.noneSaved')}</p>`;
}

/** The status a save with a field not written answers: 409 when nothing was written, else 200. */
export function meanwhileStatus(someWritten: boolean): 200 | 409 {
  return someWritten ? 200 : 409;
}
