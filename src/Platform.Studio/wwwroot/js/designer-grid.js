// Gridstack for the dashboard designer: widgets are dragged and resized on a 12-column grid and every change is
// reported to .NET, which owns the definition. Served from wwwroot/lib (npm), never a CDN.
const loaded = {};

function load(tag, attributes) {
  const key = attributes.src ?? attributes.href;
  loaded[key] ??= new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    Object.assign(element, attributes);
    element.onload = resolve;
    element.onerror = () => reject(new Error(`Could not load ${key}`));
    document.head.appendChild(element);
  });
  return loaded[key];
}

function positions(items) {
  return (items ?? []).map(i => ({ id: i.id ?? i.el?.getAttribute('gs-id'), x: i.x, y: i.y, w: i.w, h: i.h }));
}

// Returns false when the grid element is not (or no longer) in the document: Blazor may have re-rendered the page while
// the scripts loaded. GridStack.init would then log "no grid element was passed" and return null; the caller retries on
// its next render instead.
export async function init(element, dotnet, columns) {
  if (!element?.isConnected) return false;
  await Promise.all([
    load('link', { rel: 'stylesheet', href: 'lib/gridstack/gridstack.min.css' }),
    load('script', { src: 'lib/gridstack/gridstack-all.js' }),
  ]);
  if (!element.isConnected) return false;
  if (!element.__grid) {
    const grid = window.GridStack.init({ column: columns, cellHeight: 90, margin: 6, float: false, animate: false }, element);
    if (!grid) return false;
    grid.on('change', (_, items) => dotnet.invokeMethodAsync('GridChanged', positions(items)));
    element.__grid = grid;
  }
  sync(element);
  element.dataset.ready = 'true';
  return true;
}

// Blazor rendered new widget elements: let gridstack adopt the ones it does not know yet.
export function sync(element) {
  const grid = element?.__grid;
  if (!grid) return;
  grid.batchUpdate();
  for (const item of element.querySelectorAll(':scope > .grid-stack-item')) {
    if (!item.gridstackNode) grid.makeWidget(item);
  }
  grid.batchUpdate(false);
}

// Called before Blazor removes a widget element, so gridstack forgets it without touching the DOM Blazor owns.
export function remove(element, id) {
  const grid = element?.__grid;
  const item = element?.querySelector(`:scope > .grid-stack-item[gs-id="${CSS.escape(id)}"]`);
  if (grid && item) grid.removeWidget(item, false, false);
}

export function destroy(element) {
  element?.__grid?.destroy(false);
}
