// The patient's care team: the people who help them — their PCP, a psychiatrist, a
// pharmacist, family — with a phone number and where they work. They are not users of
// the app; the plan lists them so anyone reading it knows whom to call.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { useForm, FormMessage, submitOnEnter } from '../components/form.js';
import { Modal } from '../components/modal.js';
import { FieldBox, describedBy, optionList } from '../referrals/fields.js';
import { RemoveItemForm } from './remove-form.js';
import { options } from './vocabulary.js';

/** `plan`: the CarePlan; `onChanged()` after a change; `readOnly` for an earlier version. */
export function CareTeam({ plan, onChanged, readOnly = false }) {
  const [dialog, setDialog] = useState(null);
  const close = () => setDialog(null);
  const changed = () => { setDialog(null); onChanged(); };
  const team = plan.team ?? [];

  return html`
    <section class="cp-section cp-team" id=${readOnly ? undefined : 'cp-team'} aria-labelledby=${readOnly ? undefined : 'cp-team-title'}>
      <header class="cp-section-head">
        <h3 id=${readOnly ? undefined : 'cp-team-title'}>Care team</h3>
        ${!readOnly && html`<button type="button" class="small-button" id="cp-add-member"
          onClick=${() => setDialog({ kind: 'member' })}>Add member</button>`}
      </header>
      ${team.length === 0 && html`<p class="muted cp-empty">No one listed yet.</p>`}
      ${team.length > 0 && html`<ul class="cp-team-list">
        ${team.map((m) => html`<li key=${m.id} class="cp-member" data-id=${m.id}>
          <div class="cp-member-main">
            <div><b class="cp-member-name">${m.name}</b> <span class="cp-member-role">${m.role.label}</span></div>
            <div class="small muted">${[m.organisation, m.phone].filter(Boolean).join(' · ') || '—'}</div>
          </div>
          ${!readOnly && html`<div class="row-actions">
            <button type="button" class="small-button cp-member-edit" onClick=${() => setDialog({ kind: 'member', member: m })}>Edit</button>
            <button type="button" class="small-button cp-remove" onClick=${() => setDialog({ kind: 'remove', member: m })}>Remove</button>
          </div>`}
        </li>`)}
      </ul>`}

      ${dialog?.kind === 'member' && html`<${MemberForm} patientId=${plan.patient_id} member=${dialog.member}
        onSaved=${changed} onClose=${close} />`}
      ${dialog?.kind === 'remove' && html`<${RemoveItemForm} item="member" id=${dialog.member.id}
        what=${dialog.member.name} onSaved=${changed} onClose=${close} />`}
    </section>`;
}

function MemberForm({ patientId, member, onSaved, onClose }) {
  const editing = !!member;
  const form = useForm(editing
    ? { name: member.name, role: member.role.value, phone: member.phone ?? '', organisation: member.organisation ?? '' }
    : { name: '', role: '', phone: '', organisation: '' });
  const { values, errors } = form;

  async function save(event) {
    event.preventDefault();
    const draft = { patient_id: patientId, ...values };
    const saved = await form.submit(() => (editing ? api.updateTeamMember(member.id, draft) : api.addTeamMember(draft)));
    if (saved) onSaved(saved);
  }

  const field = (id, name, label, rest = {}) => html`<${FieldBox} id=${id} label=${label} error=${errors[name]} required=${rest.required}>
    <input id=${id} value=${values[name]} onInput=${form.set(name)} autocomplete="off" type=${rest.type ?? 'text'}
      aria-invalid=${errors[name] ? 'true' : undefined} aria-describedby=${describedBy(id, errors[name])} />
  <//>`;
  return html`
    <${Modal} title=${editing ? `Edit: ${member.name}` : 'Add to the care team'} onClose=${onClose} id="cp-member-dialog">
      <form id="cp-member-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          ${field('cp-member-name', 'name', 'Name', { required: true })}
          <${FieldBox} id="cp-member-role" label="Role" error=${errors.role} required>
            <select id="cp-member-role" value=${values.role} onChange=${form.set('role')}
              aria-invalid=${errors.role ? 'true' : undefined} aria-describedby=${describedBy('cp-member-role', errors.role)}>
              ${optionList([['', 'Choose the role…'], ...options('roles')])}
            </select>
          <//>
          ${field('cp-member-phone', 'phone', 'Phone', { type: 'tel' })}
          ${field('cp-member-organisation', 'organisation', 'Organisation')}
        </div>
        <${FormMessage} form=${form} />
        <div class="actions">
          <button type="button" onClick=${onClose}>Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="primary" id="cp-member-save" disabled=${form.busy}>${editing ? 'Save' : 'Add member'}</button>
        </div>
      </form>
    <//>`;
}
