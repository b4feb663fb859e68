import { html, render } from './html.js';
import { App } from './app.js';

const root = document.getElementById('app');
root.classList.remove('boot');
root.textContent = '';
render(html`<${App} />`, root);
