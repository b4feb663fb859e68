// Resources: the clinic's community-resource directory. Search it as you type (what a
// service offers, its name, a place) and narrow by category, language, city or ZIP, a
// day it is open and what it costs; open a service to read it whole, refer a patient
// there, or mark it verified. The verify queue lists the services nobody has checked
// lately. Services and organizations are added and changed by hand, or brought in and
// out as Open Referral HSDS packages (a dry run first, nothing written until confirmed).
import { html, useEffect, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { useReferralVocabulary } from '../referrals/vocabulary.js';
import { EMPTY_QUERY, SearchFilters, isFiltered } from '../resources/search-filters.js';
import { ResultList, focusHit } from '../resources/result-list.js';
import { VerifyQueue } from '../resources/verify-queue.js';
import { ServicePage } from '../resources/service-page.js';
import { ServiceForm } from '../resources/service-form.js';
import { OrganizationForm } from '../resources/organization-form.js';
import { ImportDialog } from '../resources/import-dialog.js';
import { ExportDialog } from '../resources/export-dialog.js';

/** The most lines a search may ask for (the core's limit). */
const MAX_LINES = 500;
const PAUSE_MS = 120;

// The tab, the search and an open service survive a visit to another section.
let remembered = { tab: 'search', query: { ...EMPTY_QUERY }, openId: null };

const TABS = [['search', 'Search'], ['queue', 'Verify queue']];

/** `onOpenPatient(id)`, when given, opens a patient (after a referral from here). */
export function Resources({ onOpenPatient }) {
  const vocabulary = useReferralVocabulary();
  const [tab, setTab] = useState(remembered.tab);
  const [query, setQuery] = useState(remembered.query);
  const [openId, setOpenId] = useState(remembered.openId);
  const [page, setPage] = useState(null);
  const [categories, setCategories] = useState([]);
  const [staleCount, setStaleCount] = useState(null);
  const [refresh, setRefresh] = useState(0);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState('');
  const latest = useRef(0);
  const searchRef = useRef(null);
  const returnTo = useRef(null);

  useEffect(() => { remembered = { tab, query, openId }; }, [tab, query, openId]);
  const reload = () => setRefresh((n) => n + 1);

  // Typing fires a search per keystroke: a short pause keeps the list calm, and the
  // ticket drops answers that arrive after a newer question was asked.
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const result = await api.searchResources({ ...query, stale_only: false });
        if (ticket !== latest.current) return;
        setPage(result);
        setError('');
      } catch (e) {
        if (ticket === latest.current) setError(e.message);
      }
    }, page ? PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [query, refresh]);

  useEffect(() => {
    api.resourceCategories().then(setCategories, () => {});
    api.searchResources({ stale_only: true, limit: 1 }).then((r) => setStaleCount(r.total), () => {});
  }, [refresh]);

  // Back from a service: the focus returns to its line (or the search box).
  useEffect(() => {
    if (openId || !returnTo.current) return;
    const { list, id } = returnTo.current;
    returnTo.current = null;
    setTimeout(() => { if (!focusHit(list, id) && tab === 'search') searchRef.current?.focus(); }, 0);
  }, [openId, page]);

  function open(hit) {
    setNotice(null);
    returnTo.current = null;
    setOpenId(hit.id);
  }
  function back() {
    returnTo.current = { list: tab === 'queue' ? 'verify-queue' : 'resource-results', id: openId };
    setOpenId(null);
  }
  function pickTab(next) {
    setOpenId(null);
    setTab(next);
    setTimeout(() => document.getElementById(`resources-tab-${next}`)?.focus(), 0);
  }
  const onTabKey = (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    pickTab(tab === 'search' ? 'queue' : 'search');
  };

  async function startImport() {
    setError('');
    setNotice(null);
    try {
      const path = await api.pickHsdsPackage();
      if (path) setDialog({ kind: 'import', path });
    } catch (e) {
      setError(e.message);
    }
  }
  function serviceAdded(saved) {
    setDialog(null);
    setNotice({ text: `Added ${saved.name}.` });
    reload();
    setOpenId(saved.id);
  }
  function organizationAdded(id, draft) {
    setDialog(null);
    setNotice({ text: `Added ${draft.name}.`, organization: { id, name: draft.name } });
    reload();
  }

  if (vocabulary.error) return html`<section><div class="form-error" role="alert">${vocabulary.error}</div></section>`;

  const filtered = isFiltered(query);
  const more = page && page.services.length < page.total && query.limit < MAX_LINES
    ? () => setQuery({ ...query, limit: Math.min(query.limit + EMPTY_QUERY.limit, MAX_LINES) })
    : null;
  return html`
    <section class="resources" aria-labelledby="resources-title">
      <header class="section-head resources-head">
        <h1 id="resources-title">Resources</h1>
        <div class="head-actions">
          <button type="button" id="resource-add-service" onClick=${() => setDialog({ kind: 'service' })}
            disabled=${!vocabulary.ready}>Add service</button>
          <button type="button" id="resource-add-organization" onClick=${() => setDialog({ kind: 'organization' })}>
            Add organization</button>
          <button type="button" id="resource-import" onClick=${startImport}>Import HSDS…</button>
          <button type="button" id="resource-export" onClick=${() => setDialog({ kind: 'export' })}>Export HSDS…</button>
        </div>
      </header>

      <div class="tabs" role="tablist" aria-label="Directory views" onKeyDown=${onTabKey}>
        ${TABS.map(([key, label]) => html`<button type="button" role="tab" id=${`resources-tab-${key}`} key=${key}
          class=${`tab${tab === key ? ' current' : ''}`} aria-selected=${tab === key ? 'true' : 'false'}
          aria-controls="resources-panel" tabindex=${tab === key ? '0' : '-1'} onClick=${() => pickTab(key)}>
          ${label}${key === 'queue' && staleCount !== null && html` <span class=${`tab-count${staleCount > 0 ? ' has-stale' : ''}`}
            id="resources-stale-count" aria-hidden="true">${staleCount.toLocaleString()}</span>
            <span class="visually-hidden">(${staleCount.toLocaleString()} not verified lately)</span>`}
        </button>`)}
      </div>

      ${notice && html`<p class="notice" id="resources-notice" role="status">${notice.text}
        ${notice.organization && html` <button type="button" class="link" id="resource-add-service-to-org"
          onClick=${() => setDialog({ kind: 'service', organization: notice.organization })}>
          Add a service it offers</button>`}</p>`}
      ${error && html`<div class="form-error" role="alert" id="resources-error">${error}</div>`}

      <div class="tab-panel" role="tabpanel" id="resources-panel" aria-labelledby=${`resources-tab-${tab}`}>
        ${!vocabulary.ready && html`<p class="loading">Loading…</p>`}
        ${vocabulary.ready && openId && html`<${ServicePage} id=${openId} onBack=${back} onChanged=${reload}
          onOpenPatient=${onOpenPatient}
          onRemoved=${(name) => { setNotice({ text: `Removed ${name} from the directory.` }); reload(); back(); }} />`}
        ${vocabulary.ready && !openId && tab === 'search' && html`
          <${SearchFilters} query=${query} categories=${categories} onChange=${setQuery} searchRef=${searchRef}
            focus=${!returnTo.current} onDown=${() => focusHit('resource-results')} />
          ${page
            ? html`<${ResultList} page=${page} onOpen=${open} filtered=${filtered} onMore=${more}
                onLeaveTop=${() => searchRef.current?.focus()} />`
            : !error && html`<p class="loading">Searching…</p>`}`}
        ${vocabulary.ready && !openId && tab === 'queue' && html`<${VerifyQueue} refresh=${refresh} onOpen=${open}
          onVerified=${reload}
          onLeaveTop=${() => document.getElementById('resources-tab-queue')?.focus()} />`}
      </div>

      ${dialog?.kind === 'service' && html`<${ServiceForm} organizationId=${dialog.organization?.id}
        organizationName=${dialog.organization?.name} onSaved=${serviceAdded} onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'organization' && html`<${OrganizationForm} onSaved=${organizationAdded}
        onClose=${() => setDialog(null)} />`}
      ${dialog?.kind === 'import' && html`<${ImportDialog} path=${dialog.path} onClose=${() => setDialog(null)}
        onImported=${(_, text) => { setNotice({ text }); reload(); }} />`}
      ${dialog?.kind === 'export' && html`<${ExportDialog} categories=${categories} onClose=${() => setDialog(null)} />`}
    </section>`;
}
