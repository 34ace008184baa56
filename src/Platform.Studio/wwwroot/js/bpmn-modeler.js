// The Studio's BPMN canvas: a bpmn-js Modeler (served from wwwroot/lib, never a CDN) that knows our lc: attributes,
// reports selection and changes to .NET, applies property-panel edits as one undoable command, and shows markers
// (validation errors, test-run paths, a running instance's current and completed elements).

const LIB = 'lib/bpmn-js/';
const LC_URI = 'https://lowcode-platform.dev/schema/workflow/1.0';
const ATTRS = ['trigger', 'form', 'condition', 'fields', 'cron', 'dateField', 'offset', 'secret', 'restart', 'approvers',
  'approverExpression', 'mode', 'cc', 'fieldAccess', 'due', 'onReject', 'poll', 'outcome', 'action', 'channel', 'to',
  'toAddress', 'subject', 'body', 'webhook', 'target', 'resultVar', 'strategy', 'users', 'role', 'regionField', 'method',
  'url', 'retries', 'field', 'op', 'value'];
const EXT = { sets: ['lc:Set', 'field', 'expr'], headers: ['lc:Header', 'name', 'value'], maps: ['lc:Map', 'var', 'path'], regions: ['lc:Region', 'value', 'users'] };
const MARKERS = ['lc-error', 'lc-current', 'lc-done', 'lc-taken', 'lc-path'];

let modelerClass = null;
let extension = null;
const instances = new Map();
let nextId = 1;

function addCss(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}

function addMarkerStyles() {
  if (document.getElementById('lc-bpmn-markers')) return;
  const style = document.createElement('style');
  style.id = 'lc-bpmn-markers';
  style.textContent = `
    .djs-element.lc-error .djs-visual > :first-child { stroke: #d32f2f !important; stroke-width: 3px !important; fill: #ffebee !important; }
    .djs-element.lc-current .djs-visual > :first-child { stroke: #1565c0 !important; stroke-width: 3px !important; fill: #e3f2fd !important; }
    .djs-element.lc-done .djs-visual > :first-child { stroke: #2e7d32 !important; fill: #e8f5e9 !important; }
    .djs-element.lc-path .djs-visual > :first-child { stroke: #ef6c00 !important; stroke-width: 3px !important; fill: #fff3e0 !important; }
    .djs-connection.lc-taken .djs-visual > path { stroke: #2e7d32 !important; stroke-width: 3px !important; }
    .djs-connection.lc-path .djs-visual > path { stroke: #ef6c00 !important; stroke-width: 3px !important; }
    .djs-connection.lc-error .djs-visual > path { stroke: #d32f2f !important; stroke-width: 3px !important; }
    .lc-readonly .djs-palette, .lc-readonly .djs-context-pad { display: none !important; }
    .lc-badge { background: #d32f2f; color: #fff; border-radius: 10px; padding: 0 6px; font: 12px/18px sans-serif; white-space: nowrap; }
  `;
  document.head.appendChild(style);
}

async function load() {
  if (modelerClass) return modelerClass;
  addCss(LIB + 'assets/diagram-js.css');
  addCss(LIB + 'assets/bpmn-js.css');
  addCss(LIB + 'assets/bpmn-font/css/bpmn-embedded.css');
  addMarkerStyles();
  // The UMD bundles of the viewer and the modeler both claim window.BpmnJS; keep ours privately.
  const previous = window.BpmnJS;
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = LIB + 'bpmn-modeler.production.min.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('bpmn-js could not be loaded from ' + script.src));
    document.head.appendChild(script);
  });
  modelerClass = window.BpmnJS;
  if (previous) window.BpmnJS = previous;
  extension = await (await fetch('js/bpmn-modeler-lc.json')).json();
  return modelerClass;
}

// Palette: only what the engine runs, with user and service tasks and a timer one click away.
function LcPalette(palette, create, elementFactory) {
  palette.registerProvider(500, this);
  this.create = create;
  this.elementFactory = elementFactory;
}
LcPalette.$inject = ['palette', 'create', 'elementFactory'];
LcPalette.prototype.getPaletteEntries = function () {
  const { create, elementFactory } = this;
  const entry = (group, className, title, attrs) => {
    const start = (event) => create.start(event, elementFactory.createShape(attrs));
    return { group, className, title, action: { dragstart: start, click: start } };
  };
  return (entries) => {
    for (const key of ['create.subprocess-expanded', 'create.data-object', 'create.data-store', 'create.participant-expanded', 'create.group']) delete entries[key];
    entries['create.user-task'] = entry('activity', 'bpmn-icon-user-task', '审批任务 / User task', { type: 'bpmn:UserTask' });
    entries['create.service-task'] = entry('activity', 'bpmn-icon-service-task', '动作 / Service task', { type: 'bpmn:ServiceTask' });
    entries['create.parallel-gateway'] = entry('gateway', 'bpmn-icon-gateway-parallel', '并行网关 / Parallel gateway', { type: 'bpmn:ParallelGateway' });
    entries['create.timer-event'] = entry('event', 'bpmn-icon-intermediate-event-catch-timer', '等待 / Timer',
      { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' });
    return entries;
  };
};

// One panel "Apply" = one command on the stack, so a single undo reverts it.
function LcApplyHandler(modeling, bpmnFactory, moddle, elementRegistry) {
  this.modeling = modeling;
  this.bpmnFactory = bpmnFactory;
  this.moddle = moddle;
  this.elementRegistry = elementRegistry;
}
LcApplyHandler.$inject = ['modeling', 'bpmnFactory', 'moddle', 'elementRegistry'];
LcApplyHandler.prototype.execute = function () { return []; };
LcApplyHandler.prototype.revert = function () { return []; };
LcApplyHandler.prototype.postExecute = function (context) {
  const { element, state } = context;
  const { modeling, bpmnFactory, moddle } = this;
  const bo = element.businessObject;
  const props = {};
  if (state.name !== undefined && (bo.name || '') !== (state.name || '')) props.name = state.name || undefined;
  const attrs = state.attrs || {};
  for (const name of ATTRS) {
    const want = attrs[name] === '' || attrs[name] == null ? undefined : String(attrs[name]);
    const has = bo.get('lc:' + name);
    if ((has == null ? undefined : String(has)) !== want) props['lc:' + name] = want;
  }
  const expr = (body) => bpmnFactory.create('bpmn:FormalExpression', { body });
  if (bo.$type === 'bpmn:SequenceFlow' && state.condition !== undefined) {
    const has = bo.conditionExpression ? bo.conditionExpression.body : null;
    const want = state.condition || null;
    if (has !== want) props.conditionExpression = want ? expr(want) : undefined;
  }
  if (bo.$type === 'bpmn:BoundaryEvent' && state.cancelActivity != null && (bo.cancelActivity !== false) !== state.cancelActivity) props.cancelActivity = state.cancelActivity;
  if (bo.$type === 'bpmn:ScriptTask' && state.script !== undefined && (bo.script || '') !== (state.script || '')) {
    props.script = state.script || undefined;
    props.scriptFormat = 'javascript';
  }
  if (state.ext) {
    const keep = ((bo.extensionElements && bo.extensionElements.values) || []).filter((v) => !Object.values(EXT).some(([t]) => v.$type === t));
    const values = [...keep];
    for (const [key, [type, a, b]] of Object.entries(EXT)) {
      for (const item of state.ext[key] || []) values.push(moddle.create(type, { [a]: item[a] || '', [b]: item[b] || '' }));
    }
    const before = JSON.stringify(extValues(bo));
    const ext = values.length ? bpmnFactory.create('bpmn:ExtensionElements', { values }) : undefined;
    if (ext) values.forEach((v) => { v.$parent = ext; });
    if (before !== JSON.stringify(normalizeExt(state.ext))) props.extensionElements = ext;
  }
  if (Object.keys(props).length) modeling.updateProperties(element, props);

  const def = (bo.eventDefinitions || [])[0];
  if (state.timer && def && def.$type === 'bpmn:TimerEventDefinition') {
    const kinds = ['timeDuration', 'timeDate', 'timeCycle'];
    const current = kinds.find((k) => def[k]);
    if (current !== state.timer.kind || def[current].body !== state.timer.text) {
      const update = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined };
      update[state.timer.kind] = expr(state.timer.text);
      modeling.updateModdleProperties(element, def, update);
    }
  }
  if (state.waitCondition != null && def && def.$type === 'bpmn:ConditionalEventDefinition' && (def.condition ? def.condition.body : '') !== state.waitCondition) {
    modeling.updateModdleProperties(element, def, { condition: expr(state.waitCondition) });
  }
  if (bo.$type === 'bpmn:SequenceFlow' && state.isDefault != null) {
    const source = this.elementRegistry.get(bo.sourceRef.id);
    const isDefault = bo.sourceRef.default === bo;
    if (source && state.isDefault && !isDefault) modeling.updateProperties(source, { default: bo });
    else if (source && !state.isDefault && isDefault) modeling.updateProperties(source, { default: undefined });
  }
};

function normalizeExt(ext) {
  const out = {};
  for (const [key, [, a, b]] of Object.entries(EXT)) out[key] = (ext[key] || []).map((i) => ({ [a]: i[a] || '', [b]: i[b] || '' }));
  return out;
}

function extValues(bo) {
  const values = (bo.extensionElements && bo.extensionElements.values) || [];
  const out = {};
  for (const [key, [type, a, b]] of Object.entries(EXT)) out[key] = values.filter((v) => v.$type === type).map((v) => ({ [a]: v[a] || '', [b]: v[b] || '' }));
  return out;
}

function LcCommands(commandStack) {
  commandStack.registerHandler('lc.apply', LcApplyHandler);
}
LcCommands.$inject = ['commandStack'];

function snapshot(element) {
  const bo = element.businessObject;
  const attrs = {};
  for (const name of ATTRS) {
    const v = bo.get('lc:' + name);
    if (v != null && v !== '') attrs[name] = String(v);
  }
  const def = (bo.eventDefinitions || [])[0];
  let timer = null;
  if (def && def.$type === 'bpmn:TimerEventDefinition') {
    const kind = ['timeDuration', 'timeDate', 'timeCycle'].find((k) => def[k]) || 'timeDuration';
    timer = { kind, text: def[kind] ? def[kind].body || '' : '' };
  }
  const isFlow = bo.$type === 'bpmn:SequenceFlow';
  return {
    id: bo.id,
    type: bo.$type.replace('bpmn:', ''),
    name: bo.name || '',
    attrs,
    eventDefinition: def ? def.$type.replace('bpmn:', '') : null,
    timer,
    waitCondition: def && def.$type === 'bpmn:ConditionalEventDefinition' && def.condition ? def.condition.body || '' : null,
    condition: isFlow && bo.conditionExpression ? bo.conditionExpression.body || '' : null,
    isDefault: isFlow ? bo.sourceRef && bo.sourceRef.default === bo : null,
    sourceType: isFlow && bo.sourceRef ? bo.sourceRef.$type.replace('bpmn:', '') : null,
    attachedTo: bo.attachedToRef ? bo.attachedToRef.id : null,
    cancelActivity: bo.$type === 'bpmn:BoundaryEvent' ? bo.cancelActivity !== false : null,
    script: bo.$type === 'bpmn:ScriptTask' ? bo.script || '' : null,
    ext: extValues(bo),
  };
}

function get(handle) {
  const inst = instances.get(handle);
  if (!inst) throw new Error('Unknown BPMN canvas ' + handle);
  return inst;
}

export async function create(container, dotnet, readOnly) {
  const Modeler = await load();
  const modeler = new Modeler({
    container,
    moddleExtensions: { lc: extension },
    additionalModules: [{ __init__: ['lcPalette', 'lcCommands'], lcPalette: ['type', LcPalette], lcCommands: ['type', LcCommands] }],
  });
  if (readOnly) container.classList.add('lc-readonly');
  const handle = nextId++;
  const inst = { modeler, dotnet, readOnly, selected: null, timer: 0, badges: [] };
  instances.set(handle, inst);
  const bus = modeler.get('eventBus');
  bus.on('selection.changed', ({ newSelection }) => {
    inst.selected = newSelection.length === 1 ? newSelection[0] : null;
    if (inst.selected && inst.selected.type === 'label') inst.selected = inst.selected.labelTarget;
    dotnet.invokeMethodAsync('Selected', inst.selected && inst.selected.businessObject ? snapshot(inst.selected) : null);
  });
  bus.on('commandStack.changed', () => {
    clearTimeout(inst.timer);
    inst.timer = setTimeout(() => {
      const stack = modeler.get('commandStack');
      dotnet.invokeMethodAsync('Changed', stack.canUndo(), stack.canRedo());
      const sel = inst.selected && modeler.get('elementRegistry').get(inst.selected.id);
      dotnet.invokeMethodAsync('Selected', sel ? snapshot(sel) : null);
    }, 60);
  });
  return handle;
}

export async function importXml(handle, xml) {
  const { modeler } = get(handle);
  try {
    const result = await modeler.importXML(xml);
    modeler.get('canvas').zoom('fit-viewport', 'auto');
    return { ok: true, warnings: (result.warnings || []).map((w) => w.message) };
  } catch (e) {
    return { ok: false, warnings: [e.message] };
  }
}

export async function saveXml(handle) {
  const { xml } = await get(handle).modeler.saveXML({ format: true });
  return xml;
}

export function command(handle, name) {
  const { modeler } = get(handle);
  const canvas = modeler.get('canvas');
  const stack = modeler.get('commandStack');
  switch (name) {
    case 'undo': stack.undo(); break;
    case 'redo': stack.redo(); break;
    case 'zoomIn': canvas.zoom(canvas.zoom() * 1.2); break;
    case 'zoomOut': canvas.zoom(canvas.zoom() / 1.2); break;
    case 'fit': canvas.zoom('fit-viewport', 'auto'); break;
    default: throw new Error('Unknown command ' + name);
  }
}

export function apply(handle, elementId, state) {
  const { modeler } = get(handle);
  const element = modeler.get('elementRegistry').get(elementId);
  if (!element) return false;
  modeler.get('commandStack').execute('lc.apply', { element, state });
  return true;
}

export function select(handle, elementId) {
  const { modeler } = get(handle);
  const element = modeler.get('elementRegistry').get(elementId);
  if (!element) return false;
  modeler.get('selection').select(element);
  modeler.get('canvas').scrollToElement(element, { top: 120, bottom: 120, left: 200, right: 200 });
  return true;
}

// kinds: { 'lc-error': [ids], 'lc-current': [ids], ... }; badges: { id: text } shown above elements.
export function mark(handle, kinds, badges) {
  const inst = get(handle);
  const canvas = inst.modeler.get('canvas');
  const registry = inst.modeler.get('elementRegistry');
  const overlays = inst.modeler.get('overlays');
  registry.getAll().forEach((el) => MARKERS.forEach((m) => canvas.removeMarker(el.id, m)));
  inst.badges.forEach((b) => overlays.remove(b));
  inst.badges = [];
  for (const [marker, ids] of Object.entries(kinds || {})) {
    for (const id of ids || []) if (registry.get(id)) canvas.addMarker(id, marker);
  }
  for (const [id, text] of Object.entries(badges || {})) {
    const el = registry.get(id);
    if (!el || el.waypoints) continue;
    const div = document.createElement('div');
    div.className = 'lc-badge';
    div.textContent = text;
    inst.badges.push(overlays.add(id, { position: { top: -12, right: 12 }, html: div }));
  }
}

export function destroy(handle) {
  const inst = instances.get(handle);
  if (!inst) return;
  clearTimeout(inst.timer);
  inst.modeler.destroy();
  instances.delete(handle);
}

export const lcNamespace = LC_URI;

export function download(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
