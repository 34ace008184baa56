// Read-only BPMN diagram of a workflow instance: the path taken in green, the current steps in orange.
import { script, stylesheet } from './studio-assets.js';

export async function show(element, xml, visited, current, flows) {
  stylesheet('lib/bpmn-js/assets/diagram-js.css');
  stylesheet('lib/bpmn-js/assets/bpmn-js.css');
  await script('lib/bpmn-js/bpmn-navigated-viewer.production.min.js');
  dispose(element);
  const viewer = new window.BpmnJS({ container: element });
  element._studioViewer = viewer;
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (id, css) => { if (registry.get(id)) canvas.addMarker(id, css); };
  visited.filter(id => !current.includes(id)).forEach(id => mark(id, 'wf-done'));
  flows.forEach(id => mark(id, 'wf-flow-done'));
  current.forEach(id => mark(id, 'wf-current'));
  canvas.zoom('fit-viewport', 'auto');
  element.dataset.rendered = 'true';
}

export function dispose(element) {
  if (element && element._studioViewer) {
    element._studioViewer.destroy();
    element._studioViewer = null;
  }
}
