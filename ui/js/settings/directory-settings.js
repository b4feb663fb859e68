// The resource directory's settings in Settings: after how many days a service's last
// verification counts as out of date (it is then flagged in search, listed in the
// verify queue and questioned before a referral), and after how many days a referral
// is followed up when no date is given.
import { html, useEffect, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { useForm, Field, FormMessage, submitOnEnter } from '../components/form.js';

const DEFAULTS = { stale_after_days: 180, referral_follow_up_days: 7 };

const LIMITS = {
  stale_after_days: [1, 3650, 'A service goes stale after 1 to 3650 days.'],
  referral_follow_up_days: [1, 90, 'Follow a referral up after 1 to 90 days.'],
};

const asText = (s) => ({
  stale_after_days: String(s?.stale_after_days ?? DEFAULTS.stale_after_days),
  referral_follow_up_days: String(s?.referral_follow_up_days ?? DEFAULTS.referral_follow_up_days),
});

export function DirectorySettings() {
  const form = useForm(asText(DEFAULTS));
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState('');
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    api.directorySettings().then((s) => { form.setValues(asText(s)); setLoaded(true); }, (e) => setLoadError(e.message));
  }, []);

  async function save(event) {
    event.preventDefault();
    setNotice('');
    const saved = await form.submit((v) => {
      // A number field may hold text the core could not read as days at all: say so
      // by the field, as the core does for a number out of range.
      const problems = [];
      const settings = {};
      for (const [name, [min, max, message]] of Object.entries(LIMITS)) {
        const text = v[name].trim();
        const days = Number(text);
        if (!/^\d+$/.test(text) || days < min || days > max) problems.push({ field: name, message });
        settings[name] = days;
      }
      if (problems.length > 0) {
        throw new ApiError({ code: 'invalid_input', message: problems.map((p) => p.message).join(' '), fields: problems });
      }
      return api.setDirectorySettings(settings);
    });
    if (saved) {
      form.setValues(asText(saved));
      setNotice('Saved.');
    }
  }

  return html`
    <div class="panel" id="directory-settings">
      <h2>Resource directory</h2>
      <form id="directory-form" onSubmit=${save} onKeyDown=${submitOnEnter} novalidate>
        <div class="grid">
          <${Field} form=${form} name="stale_after_days" label="A service is out of date after (days)" type="number"
            min="1" max="3650" step="1" inputmode="numeric" disabled=${!loaded}
            hint="Not verified for longer: flagged in search, listed in the verify queue and questioned before a referral. Default 180." />
          <${Field} form=${form} name="referral_follow_up_days" label="Follow a referral up after (days)" type="number"
            min="1" max="90" step="1" inputmode="numeric" disabled=${!loaded}
            hint="When a referral is made without a follow-up date. Default 7." />
        </div>
        ${loadError && html`<div class="form-error" role="alert">${loadError}</div>`}
        <${FormMessage} form=${form} />
        ${notice && html`<p class="notice" role="status" id="directory-notice">${notice}</p>`}
        <div class="actions">
          <button type="submit" class="primary" id="directory-save" disabled=${form.busy || !loaded}>
            Save directory settings</button>
        </div>
      </form>
    </div>`;
}
