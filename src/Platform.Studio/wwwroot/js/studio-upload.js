// Uploads the chosen files to the forms engine's files API one by one, reporting progress to the record form.
export function pick(input, url, dotnet) {
  input.onchange = async () => {
    const files = Array.from(input.files || []);
    input.value = '';
    for (const file of files) await send(file, url, dotnet);
  };
}

function send(file, url, dotnet) {
  return new Promise(resolve => {
    const body = new FormData();
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = e => { if (e.lengthComputable) dotnet.invokeMethodAsync('Progress', file.name, e.loaded, e.total); };
    xhr.onload = async () => { await dotnet.invokeMethodAsync('Finished', file.name, xhr.status, xhr.responseText); resolve(); };
    xhr.onerror = async () => { await dotnet.invokeMethodAsync('Finished', file.name, 0, ''); resolve(); };
    dotnet.invokeMethodAsync('Progress', file.name, 0, file.size);
    xhr.send(body);
  });
}
