-- Drives Neovim's built-in LSP client against `copydesk server`, as a writer
-- would: open an article, wait for its findings, apply the code action for
-- one of them, then type a syntax error into copydesk.toml and wait for it to
-- be reported on its line. Run by tests/neovim.rs (Neovim 0.7 or later):
--   COPYDESK_BIN=... COPYDESK_DIR=... nvim --headless --clean -c 'luafile neovim.lua'
-- The folder holds story.txt (the founding story) and nothing else.

local bin = os.getenv('COPYDESK_BIN')
local dir = os.getenv('COPYDESK_DIR')

local function say(message)
  io.stdout:write(message .. '\n')
end

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function check(condition, message)
  if not condition then fail(message) end
end

-- A byte column as UTF-16 code units (the signature changed in 0.11).
local function utf16(line, col)
  if vim.fn.has('nvim-0.11') == 1 then
    return vim.str_utfindex(line, 'utf-16', col)
  end
  local _, units = vim.str_utfindex(line, col)
  return units
end

local function code_of(diagnostic)
  return diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp.code)
end

local client_id = vim.lsp.start_client({
  name = 'copydesk',
  cmd = { bin, 'server' },
  root_dir = dir,
  init_options = { debounceMs = 10 },
})
check(client_id, 'the client did not start')

-- 1. The founding story shows its five findings at the right places.
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/story.txt'))
local story = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(story, client_id)
check(vim.wait(30000, function() return #vim.diagnostic.get(story) >= 5 end, 20),
  'no diagnostics for the founding story')
vim.wait(200)
local found = vim.diagnostic.get(story)
check(#found == 5, 'expected 5 findings, got ' .. #found)
local counts, titles = {}, nil
for _, diagnostic in ipairs(found) do
  local code = code_of(diagnostic)
  counts[code] = (counts[code] or 0) + 1
  local line = vim.api.nvim_buf_get_lines(story, diagnostic.lnum, diagnostic.lnum + 1, false)[1]
  local marked = string.sub(line, diagnostic.col + 1, diagnostic.end_col)
  say(string.format('%d:%d %s %q', diagnostic.lnum + 1, diagnostic.col + 1, code, marked))
  if code == 'country.context' then
    check(marked:find('Kazakhstan'), 'country.context marks ' .. marked)
  elseif code == 'style.titles' then
    check(marked == 'Ambassador', 'style.titles marks ' .. marked)
    titles = diagnostic
  end
end
check(counts['country.context'] == 3, 'three country.context findings')
check(counts['style.titles'] == 1, 'one style.titles finding')
check(counts['dates.stray-teaser'] == 1, 'one dates.stray-teaser finding')

-- 2. The code action for "The Ambassador" writes "The ambassador".
local line = vim.api.nvim_buf_get_lines(story, titles.lnum, titles.lnum + 1, false)[1]
local range = {
  start = { line = titles.lnum, character = utf16(line, titles.col) },
  ['end'] = { line = titles.end_lnum, character = utf16(line, titles.end_col) },
}
local answers = vim.lsp.buf_request_sync(story, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(story) },
  range = range,
  context = { diagnostics = {} },
}, 10000)
local chosen
for _, answer in pairs(answers or {}) do
  for _, action in ipairs(answer.result or {}) do
    if action.isPreferred and action.diagnostics and action.diagnostics[1].code == 'style.titles' then
      chosen = action
    end
  end
end
check(chosen, 'no preferred code action for style.titles')
say('code action: ' .. chosen.title)
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
line = vim.api.nvim_buf_get_lines(story, titles.lnum, titles.lnum + 1, false)[1]
check(line:find('The ambassador', 1, true), 'the line now reads: ' .. line)
check(not line:find('The Ambassador', 1, true), 'still capitalised: ' .. line)
check(vim.wait(10000, function()
  for _, diagnostic in ipairs(vim.diagnostic.get(story)) do
    if code_of(diagnostic) == 'style.titles' then return false end
  end
  return true
end, 20), 'style.titles still reported after the fix')
say('fixed: ' .. line)

-- 3. A syntax error typed into copydesk.toml shows on its line.
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/copydesk.toml'))
local config = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(config, client_id)
vim.api.nvim_buf_set_lines(config, 0, -1, false, { 'ignore = []', '', '[severity' })
check(vim.wait(20000, function() return #vim.diagnostic.get(config) > 0 end, 20),
  'no diagnostic in copydesk.toml')
local problem = vim.diagnostic.get(config)[1]
say(string.format('copydesk.toml:%d: %s', problem.lnum + 1, problem.message))
check(problem.lnum == 2, 'the problem is on line ' .. (problem.lnum + 1) .. ', not 3')

vim.lsp.stop_client(client_id)
vim.cmd('qall!')
