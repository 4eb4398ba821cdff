// www.foobar.com articles page: list (paged, newest first), create, edit (ETag + If-Match),
// delete, and after every API call which web server, app instance and database answered.
// No framework and no build step. All text from the API goes into the page with textContent.

const PAGE_SIZE = 10;
const TITLE_MAX = 200;
const BODY_MAX = 20000;
const LOG_MAX = 50;

const $ = (selector) => document.querySelector(selector);

const form = $('#article-form');
const titleInput = $('#title');
const bodyInput = $('#body');
const saveButton = $('#save');
const cancelButton = $('#cancel-edit');
const restoreButton = $('#restore-draft');
const formHeading = $('#form-heading');
const formMessage = $('#form-message');
const list = $('#articles');
const listStatus = $('#list-status');
const pageInfo = $('#page-info');
const prevButton = $('#prev-page');
const nextButton = $('#next-page');
const servedBy = $('#served-by');
const requestLog = $('#request-log');

const state = {
  page: 0,
  totalPages: 0,
  // The article being edited: {id, etag}, or null when the form creates a new one.
  editing: null,
  // The user's text from a PUT refused with 412, offered back after the reload.
  draft: null,
  busy: false,
};

// ---- API calls ---------------------------------------------------------------------------

/** An API error, carrying the problem details (RFC 9457) when the server sent them. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls the API and records who answered. Resolves to {status, data, etag}; rejects with
 * ApiError for non-2xx answers and with a TypeError when the network fails.
 */
async function api(method, path, { body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    recordCall(method, path, null);
    throw error;
  }
  recordCall(method, path, response);
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.status !== 204 && /json/i.test(type)) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

const listArticles = (page) => api('GET', `/api/articles?page=${page}&size=${PAGE_SIZE}`);
const getArticle = (id) => api('GET', `/api/articles/${encodeURIComponent(id)}`);
const createArticle = (article) => api('POST', '/api/articles', { body: article });
const updateArticle = (id, etag, article) =>
  api('PUT', `/api/articles/${encodeURIComponent(id)}`, { body: article, headers: { 'If-Match': etag } });
const deleteArticle = (id) => api('DELETE', `/api/articles/${encodeURIComponent(id)}`);

// ---- "Who answered" -------------------------------------------------------------------------

/** Shows which web server, app instance and database answered, and adds it to the log. */
function recordCall(method, path, response) {
  const parts = [];
  if (response) {
    parts.push(['status', `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`]);
    parts.push(['web', response.headers.get('X-Served-By') || '—']);
    parts.push(['app', response.headers.get('X-App-Instance') || '—']);
    // Only reads name a database.
    if (method === 'GET') {
      parts.push(['db', response.headers.get('X-Read-Source') || '—']);
    }
  } else {
    parts.push(['status', 'network error']);
  }

  servedBy.replaceChildren(callLine(method, path, parts));
  servedBy.dataset.web = response?.headers.get('X-Served-By') || '';
  servedBy.dataset.app = response?.headers.get('X-App-Instance') || '';
  servedBy.dataset.db = response?.headers.get('X-Read-Source') || '';

  const item = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString();
  item.append(time, ' ', callLine(method, path, parts));
  const requestId = response?.headers.get('X-Request-Id');
  if (requestId) {
    const id = document.createElement('span');
    id.className = 'request-id';
    id.textContent = `request ${requestId}`;
    item.append(' ', id);
  }
  requestLog.prepend(item);
  while (requestLog.children.length > LOG_MAX) {
    requestLog.lastElementChild.remove();
  }
}

function callLine(method, path, parts) {
  const line = document.createElement('span');
  line.className = 'call';
  const request = document.createElement('code');
  request.textContent = `${method} ${path}`;
  line.append(request);
  for (const [name, value] of parts) {
    const part = document.createElement('span');
    part.className = `call-part call-${name}`;
    part.dataset.testid = `served-${name}`;
    const label = document.createElement('span');
    label.className = 'call-label';
    label.textContent = `${name} `;
    const strong = document.createElement('strong');
    strong.textContent = value;
    part.append(label, strong);
    line.append(' ', part);
  }
  return line;
}

// ---- The list ------------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function timeElement(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  const date = new Date(iso);
  time.textContent = Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
  return time;
}

// A button of an article's row; the list's click handler dispatches on data-action.
function actionButton(action, label, className, describedBy) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.dataset.testid = action;
  button.dataset.action = action;
  button.textContent = label;
  button.setAttribute('aria-describedby', describedBy);
  return button;
}

function renderArticle(article) {
  const item = document.createElement('li');
  item.className = 'article';
  item.dataset.testid = 'article';
  item.dataset.id = String(article.id);

  const heading = document.createElement('h3');
  heading.className = 'article-title';
  heading.id = `article-${article.id}-title`;
  heading.textContent = article.title;

  const meta = document.createElement('p');
  meta.className = 'article-meta';
  meta.append('Published ', timeElement(article.createdAt));
  if (article.updatedAt && article.updatedAt !== article.createdAt) {
    meta.append(' · edited ', timeElement(article.updatedAt));
  }

  const body = document.createElement('p');
  body.className = 'article-body';
  body.textContent = article.body;

  const actions = document.createElement('div');
  actions.className = 'article-actions';
  const edit = actionButton('edit', 'Edit', 'button button-small edit', heading.id);
  const remove = actionButton('delete', 'Delete', 'button button-small button-danger delete', heading.id);
  actions.append(edit, remove);

  item.append(heading, meta, body, actions);
  return item;
}

async function loadPage(page = state.page) {
  listStatus.textContent = 'Loading…';
  list.setAttribute('aria-busy', 'true');
  try {
    const { data } = await listArticles(page);
    // Deleting the last article of the last page leaves an empty page: step back.
    if (data.content.length === 0 && page > 0 && data.totalPages > 0) {
      return loadPage(Math.min(page - 1, data.totalPages - 1));
    }
    state.page = data.page;
    state.totalPages = data.totalPages;
    list.replaceChildren(...data.content.map(renderArticle));
    listStatus.textContent = data.totalElements === 0
      ? 'No articles yet. Write the first one.'
      : `${data.totalElements} article${data.totalElements === 1 ? '' : 's'}, newest first.`;
    pageInfo.textContent = data.totalPages > 0 ? `Page ${data.page + 1} of ${data.totalPages}` : '';
    prevButton.disabled = data.page <= 0;
    nextButton.disabled = data.page >= data.totalPages - 1;
  } catch (error) {
    listStatus.textContent = `Could not load the articles: ${describe(error)}`;
  } finally {
    list.removeAttribute('aria-busy');
  }
}

// ---- The form --------------------------------------------------------------------------------

function showMessage(kind, text, details = []) {
  formMessage.replaceChildren();
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  formMessage.append(paragraph);
  if (details.length > 0) {
    const items = document.createElement('ul');
    for (const detail of details) {
      const item = document.createElement('li');
      item.textContent = detail;
      items.append(item);
    }
    formMessage.append(items);
  }
  formMessage.className = `notice notice-${kind}`;
  formMessage.setAttribute('role', kind === 'error' || kind === 'warning' ? 'alert' : 'status');
  formMessage.hidden = false;
}

function clearMessages() {
  formMessage.hidden = true;
  formMessage.replaceChildren();
  for (const field of ['title', 'body']) {
    setFieldError(field, null);
  }
}

function setFieldError(field, message) {
  const input = field === 'title' ? titleInput : bodyInput;
  const error = $(`#${field}-error`);
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    error.textContent = message;
    error.hidden = false;
  } else {
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    error.hidden = true;
  }
}

/** Client-side checks mirroring the API's rules; the API checks again. */
function validate(article) {
  const errors = {};
  if (article.title.trim().length === 0) {
    errors.title = 'Enter a title.';
  } else if (article.title.length > TITLE_MAX) {
    errors.title = `The title is ${article.title.length} characters long; at most ${TITLE_MAX} are allowed.`;
  }
  if (article.body.length === 0) {
    errors.body = 'Enter the text of the article.';
  } else if (article.body.length > BODY_MAX) {
    errors.body = `The text is ${article.body.length} characters long; at most ${BODY_MAX} are allowed.`;
  }
  return errors;
}

function setEditing(editing) {
  state.editing = editing;
  formHeading.textContent = editing ? 'Edit article' : 'New article';
  saveButton.textContent = editing ? 'Save changes' : 'Publish';
  cancelButton.hidden = !editing;
  form.dataset.mode = editing ? 'edit' : 'create';
  if (editing) {
    form.dataset.id = String(editing.id);
  } else {
    delete form.dataset.id;
  }
}

function resetForm() {
  form.reset();
  setEditing(null);
  state.draft = null;
  restoreButton.hidden = true;
}

function setBusy(busy) {
  state.busy = busy;
  saveButton.disabled = busy;
  form.setAttribute('aria-busy', String(busy));
}

/** Shows a failed save: field errors for 400, a reload for 412, the problem's detail else. */
async function showSaveError(error, article) {
  if (!(error instanceof ApiError)) {
    showMessage('error', `Not saved: ${describe(error)}`);
    return;
  }
  const problem = error.problem || {};
  if (error.status === 400) {
    const details = [];
    for (const { field, message } of problem.errors || []) {
      if (field === 'title' || field === 'body') {
        setFieldError(field, message);
      }
      details.push(`${field}: ${message}`);
    }
    showMessage('error', problem.detail || 'The article was not accepted.', details);
    return;
  }
  if (error.status === 412 && state.editing) {
    state.draft = article;
    await startEditing(state.editing.id, { keepMessage: true });
    restoreButton.hidden = state.draft === null;
    showMessage('warning',
      'Not saved: this article was changed by someone else in the meantime. ' +
      'The latest version has been reloaded into the form. ' +
      'Use “Restore my text” to put your changes back, then save again.');
    return;
  }
  if (error.status === 404 && state.editing) {
    resetForm();
    showMessage('error', 'Not saved: this article has been deleted in the meantime.');
    await loadPage();
    return;
  }
  showMessage('error', `Not saved: ${describe(error)}`);
}

async function startEditing(id, { keepMessage = false } = {}) {
  if (!keepMessage) {
    clearMessages();
  }
  try {
    const { data, etag } = await getArticle(id);
    titleInput.value = data.title;
    bodyInput.value = data.body;
    setEditing({ id: data.id, etag });
    if (!keepMessage) {
      state.draft = null;
      restoreButton.hidden = true;
    }
    titleInput.focus();
  } catch (error) {
    showMessage('error', `Could not open the article: ${describe(error)}`);
    if (error instanceof ApiError && error.status === 404) {
      await loadPage();
    }
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.busy) {
    return;
  }
  clearMessages();
  const article = { title: titleInput.value, body: bodyInput.value };
  const errors = validate(article);
  if (Object.keys(errors).length > 0) {
    for (const [field, message] of Object.entries(errors)) {
      setFieldError(field, message);
    }
    (errors.title ? titleInput : bodyInput).focus();
    return;
  }

  setBusy(true);
  try {
    if (state.editing) {
      await updateArticle(state.editing.id, state.editing.etag, article);
      resetForm();
      showMessage('success', 'Changes saved.');
      await loadPage();
    } else {
      await createArticle(article);
      resetForm();
      showMessage('success', 'Article published.');
      await loadPage(0);
    }
  } catch (error) {
    await showSaveError(error, article);
  } finally {
    setBusy(false);
  }
});

cancelButton.addEventListener('click', () => {
  resetForm();
  clearMessages();
  titleInput.focus();
});

restoreButton.addEventListener('click', () => {
  if (state.draft) {
    titleInput.value = state.draft.title;
    bodyInput.value = state.draft.body;
  }
  state.draft = null;
  restoreButton.hidden = true;
  titleInput.focus();
});

// One listener for the Edit and Delete buttons of all list items.
list.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) {
    return;
  }
  const item = button.closest('li.article');
  const id = item.dataset.id;
  if (button.dataset.action === 'edit') {
    await startEditing(id);
    return;
  }
  button.disabled = true;
  clearMessages();
  try {
    await deleteArticle(id);
    if (state.editing && String(state.editing.id) === id) {
      resetForm();
    }
    showMessage('success', 'Article deleted.');
  } catch (error) {
    button.disabled = false;
    showMessage('error', `Not deleted: ${describe(error)}`);
  }
  await loadPage();
});

prevButton.addEventListener('click', () => loadPage(Math.max(state.page - 1, 0)));
nextButton.addEventListener('click', () => loadPage(state.page + 1));

function describe(error) {
  if (error instanceof ApiError) {
    return error.message;
  }
  return 'the server could not be reached.';
}

loadPage(0);
