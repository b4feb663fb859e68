// "Social needs & referrals" on the patient page: the needs on one side of the loop,
// the referrals made for them on the other. A change in either reloads both (a
// referral changes its need's count of open referrals; a need's label shows on its
// referrals).
import { html, useState } from '../html.js';
import { NeedsPanel } from './needs-panel.js';
import { ReferralsPanel } from './referrals-panel.js';

/** `onChanged` runs after every change made here (the patient's history reads them). */
export function SocialPanel({ patientId, onChanged }) {
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((n) => n + 1);
    onChanged?.();
  };
  return html`
    <section class="social" id="social" aria-labelledby="social-title">
      <header class="registry-head">
        <h2 id="social-title">Social needs & referrals</h2>
      </header>
      <${NeedsPanel} patientId=${patientId} refresh=${version} onChanged=${changed} />
      <${ReferralsPanel} patientId=${patientId} refresh=${version} onChanged=${changed} />
    </section>`;
}
