// Choosing the organization that offers a service: a list of organizations by name
// (the core sends the first 50), narrowed by typing in "Find" when there are more.
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { FieldBox, describedBy } from '../referrals/fields.js';

const PAUSE_MS = 150;

/** `value` is the chosen organization's id and `name` its name (kept in the list even
 *  when a search leaves it out); `onPick(id, name)`. */
export function OrganizationPicker({ value, name, onPick, error }) {
  const [text, setText] = useState('');
  const [list, setList] = useState([]);
  const [problem, setProblem] = useState('');
  const ticket = useRef(0);

  useEffect(() => {
    const mine = ++ticket.current;
    const timer = setTimeout(async () => {
      try {
        const found = await api.resourceOrganizations(text.trim());
        if (mine !== ticket.current) return;
        setList(found);
        setProblem('');
      } catch (e) {
        if (mine === ticket.current) setProblem(e.message);
      }
    }, text ? PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [text]);

  const options = value && !list.some((o) => o.id === value) ? [{ id: value, name: name || value }, ...list] : list;
  const shownError = error || problem;
  const pick = (event) => {
    const id = event.currentTarget.value;
    onPick(id, options.find((o) => o.id === id)?.name ?? '');
  };
  const hint = list.length >= 50 && !text ? 'The first 50 by name: type in Find to narrow them' : undefined;
  return html`
    <${FieldBox} id="service-organization" label="Organization" error=${shownError} hint=${hint} required wide>
      <div class="org-pick">
        <select id="service-organization" value=${value} onChange=${pick} aria-required="true"
          aria-invalid=${shownError ? 'true' : undefined}
          aria-describedby=${describedBy('service-organization', shownError, hint)}>
          <option value="">Choose the organization…</option>
          ${options.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
        </select>
        <input type="search" id="service-organization-find" class="org-find" value=${text} placeholder="Find"
          aria-label="Find an organization by name" autocomplete="off"
          onInput=${(e) => setText(e.currentTarget.value)}
          onKeyDown=${(e) => { if (e.key === 'Enter') e.preventDefault(); }} />
      </div>
    <//>`;
}
