// The view layer: Preact components written with htm tagged templates. Templates build
// elements and text nodes, never HTML strings, so patient or directory data can never
// become markup (nothing in ui/js assigns HTML strings to the DOM).
import htm from '../vendor/htm/htm.module.js';
import { h, render, Fragment } from '../vendor/preact/preact.module.js';

export const html = htm.bind(h);
export { render, Fragment };
export {
  useState, useEffect, useLayoutEffect, useRef, useCallback, useMemo,
} from '../vendor/preact/hooks.module.js';
