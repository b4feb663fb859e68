// Settings: where the store lives, and the programs with their criteria (read-only
// until threshold editing arrives with eligibility screening).
import { html } from '../html.js';

export function Settings({ status, programs, onLock }) {
  return html`
    <section aria-labelledby="settings-title">
      <header class="section-head"><h1 id="settings-title">Settings</h1></header>
      <div class="panel">
        <h2>Caseload store</h2>
        <dl class="details">
          <dt>Location</dt><dd><code>${status.data_dir}</code></dd>
          <dt>Encryption</dt><dd>SQLCipher (AES-256), unlocked with your passphrase</dd>
          <dt>Store version</dt><dd>${status.schema_version}</dd>
          <dt>Caseload version</dt><dd>${status.app_version}</dd>
        </dl>
        <p class="muted">To back up, lock Caseload (or quit it) and copy the whole folder above to
          an encrypted drive. The copy is as safe as your passphrase.</p>
        <button type="button" onClick=${onLock}>Lock now <kbd>Ctrl L</kbd></button>
      </div>
      <div class="panel">
        <h2>Programs</h2>
        ${programs.map((p) => html`<article class="program" data-program=${p.code}>
          <h3>${p.name} ${p.builtin && html`<span class="tag">Built in</span>`}</h3>
          <p>${p.description}</p>
          <ul class="criteria">${p.criteria_text.slice(1).map((line) => html`<li class=${`depth-${line.search(/\S/) / 2}`}>${line.trim()}</li>`)}</ul>
          <p class="muted small">Targets: PHQ-9 below ${p.targets.phq9_below}, HbA1c below ${p.targets.a1c_below} %,
            BP below ${p.targets.sbp_below}/${p.targets.dbp_below} mmHg.</p>
        </article>`)}
        <p class="muted">Editing thresholds and copying a program arrive with eligibility screening.</p>
      </div>
    </section>`;
}
