// Loads the libraries copied from npm into wwwroot/lib once per page (never from a CDN).
const loaded = new Map();

export function script(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = src;
      tag.onload = () => resolve();
      tag.onerror = () => { loaded.delete(src); reject(new Error('Could not load ' + src)); };
      document.head.appendChild(tag);
    }));
  }
  return loaded.get(src);
}

export function stylesheet(href) {
  if (document.querySelector(`link[data-studio-css="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.studioCss = href;
  document.head.appendChild(link);
}
