// ECharts for the report and dashboard designers. The library is served by the app from wwwroot/lib (npm), never a CDN.
const loaded = {};

function loadScript(src) {
  loaded[src] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(script);
  });
  return loaded[src];
}

// Returns false when the element left the document before it could be drawn, so the caller draws again later.
export async function render(element, optionJson, colors) {
  if (!element?.isConnected) return false;
  await loadScript('lib/echarts/echarts.min.js');
  if (!element.isConnected) return false;
  const option = JSON.parse(optionJson);
  if (colors && colors.length) option.color = colors;
  option.animation = false;
  const chart = window.echarts.getInstanceByDom(element) ?? window.echarts.init(element);
  chart.setOption(option, true);
  chart.resize();
  if (!element.__resizeObserver) {
    element.__resizeObserver = new ResizeObserver(() => chart.resize());
    element.__resizeObserver.observe(element);
  }
  element.dataset.rendered = String(Number(element.dataset.rendered ?? 0) + 1);
  element.dataset.series = String((option.series ?? []).length);
  return true;
}

export function dispose(element) {
  if (!element || !window.echarts) return;
  element.__resizeObserver?.disconnect();
  window.echarts.getInstanceByDom(element)?.dispose();
}
