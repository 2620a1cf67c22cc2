// SpreadsheetApp.getUi() (menus, alerts, prompts, sidebars, dialogs) and HtmlService.

import { assertInt, assertString, type FakeContext, internalOf } from './core';
import { Button, ButtonSet, SandboxMode, XFrameOptionsMode } from './enums';

export type MenuItemRecord =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  /** null for the add-on menu (its title is the add-on's name). */
  title: string | null;
  addon: boolean;
  items: MenuItemRecord[];
}

export interface AlertRecord {
  title: string | null;
  message: string;
  buttons: string;
  response: string;
}

export interface PromptRecord extends AlertRecord {
  text: string;
}

export interface HtmlRecord {
  title: string | null;
  content: string;
  width: number | null;
  height: number | null;
}

export interface DialogRecord extends HtmlRecord {
  /** Title passed to showModalDialog/showModelessDialog. */
  dialogTitle: string;
  modal: boolean;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeout: number;
}

/** What the add-on showed to the user; queue answers in nextAlertResponses / nextPromptResponses. */
export interface FakeUi {
  menus: MenuRecord[];
  alerts: AlertRecord[];
  prompts: PromptRecord[];
  sidebars: HtmlRecord[];
  dialogs: DialogRecord[];
  toasts: ToastRecord[];
  nextAlertResponses: (string | GoogleAppsScript.Base.Button)[];
  nextPromptResponses: { text: string; button?: string | GoogleAppsScript.Base.Button }[];
}

export function createFakeUi(): FakeUi {
  return {
    menus: [],
    alerts: [],
    prompts: [],
    sidebars: [],
    dialogs: [],
    toasts: [],
    nextAlertResponses: [],
    nextPromptResponses: [],
  };
}

interface HtmlOutputModel extends HtmlRecord {
  xFrameOptionsMode: string | null;
  sandboxMode: string | null;
  metaTags: { name: string; content: string }[];
  faviconUrl: string | null;
}

const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export function createUiSurface(ctx: FakeContext, ui: FakeUi): object {
  const menu = (record: MenuRecord): object => {
    const self: object = ctx.surface(
      'Menu',
      {
        addItem: (caption: unknown, functionName: unknown) => {
          record.items.push({
            kind: 'item',
            caption: assertString(ctx, caption, 'Menu.addItem'),
            functionName: assertString(ctx, functionName, 'Menu.addItem'),
          });
          return self;
        },
        addSeparator: () => {
          record.items.push({ kind: 'separator' });
          return self;
        },
        addSubMenu: (sub: unknown) => {
          record.items.push({
            kind: 'submenu',
            menu: internalOf<MenuRecord>(ctx, sub, 'Menu', 'Menu.addSubMenu'),
          });
          return self;
        },
        addToUi: () => {
          ui.menus = ui.menus.filter((m) => m.title !== record.title || m.addon !== record.addon);
          ui.menus.push(record);
        },
      },
      { internal: record },
    );
    return self;
  };

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  const dialogArgs = (args: unknown[], where: string) => {
    const [title, message, buttons] =
      args.length >= 3 ? args : args.length === 2 ? [null, args[0], args[1]] : [null, args[0], 'OK'];
    const set = assertString(ctx, buttons, where);
    const allowed = BUTTONS_OF[set];
    if (!allowed) throw ctx.exception(`Invalid argument: buttons (${set})`);
    return {
      title: title === null ? null : assertString(ctx, title, where),
      message: assertString(ctx, message, where),
      buttons: set,
      allowed,
    };
  };
  const answer = (queued: unknown, allowed: string[]) => {
    const response = queued === undefined ? (allowed.includes('YES') ? 'YES' : 'OK') : String(queued);
    if (response !== 'CLOSE' && !allowed.includes(response)) {
      throw ctx.fakeError(`réponse ${response} impossible avec les boutons ${allowed.join('/')}`);
    }
    return response;
  };
  const htmlOf = (output: unknown, where: string) =>
    internalOf<HtmlOutputModel>(ctx, output, 'HtmlOutput', where);
  const showDialog = (output: unknown, title: unknown, modal: boolean) => {
    const where = modal ? 'Ui.showModalDialog' : 'Ui.showModelessDialog';
    const model = htmlOf(output, where);
    ui.dialogs.push({ ...snapshot(model), dialogTitle: assertString(ctx, title, where), modal });
  };

  return ctx.surface('Ui', {
    Button,
    ButtonSet,
    createMenu: (title: unknown) =>
      menu({ title: assertString(ctx, title, 'Ui.createMenu'), addon: false, items: [] }),
    createAddonMenu: () => menu({ title: null, addon: true, items: [] }),
    alert: (...args: unknown[]) => {
      const a = dialogArgs(args, 'Ui.alert');
      const response = answer(ui.nextAlertResponses.shift(), a.allowed);
      ui.alerts.push({ title: a.title, message: a.message, buttons: a.buttons, response });
      return response;
    },
    prompt: (...args: unknown[]) => {
      const a = dialogArgs(args, 'Ui.prompt');
      const queued = ui.nextPromptResponses.shift();
      const response = answer(queued?.button, a.allowed);
      const text = queued?.text ?? '';
      ui.prompts.push({ title: a.title, message: a.message, buttons: a.buttons, response, text });
      return ctx.surface('PromptResponse', {
        getResponseText: () => text,
        getSelectedButton: () => response,
      });
    },
    showSidebar: (output: unknown) => {
      ui.sidebars.push(snapshot(htmlOf(output, 'Ui.showSidebar')));
    },
    showModalDialog: (output: unknown, title: unknown) => showDialog(output, title, true),
    showModelessDialog: (output: unknown, title: unknown) => showDialog(output, title, false),
  });
}

function snapshot(model: HtmlOutputModel): HtmlRecord {
  return { title: model.title, content: model.content, width: model.width, height: model.height };
}

// ---------------------------------------------------------------- HtmlService

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Compiles an Apps Script template (<?= ?>, <?!= ?>, <? ?>) into a function of its variables. */
function compileTemplate(source: string, vars: Record<string, unknown>): string {
  const parts = source.split(/(<\?!?=?[\s\S]*?\?>)/);
  const body = parts
    .map((part) => {
      if (part.startsWith('<?!=')) return `__out += String(${part.slice(4, -2)});`;
      if (part.startsWith('<?=')) return `__out += __escape(String(${part.slice(3, -2)}));`;
      if (part.startsWith('<?')) return part.slice(2, -2);
      return `__out += ${JSON.stringify(part)};`;
    })
    .join('\n');
  const names = Object.keys(vars);
  const render = new Function('__escape', ...names, `let __out = '';\n${body}\nreturn __out;`);
  return render(escapeHtml, ...names.map((n) => vars[n])) as string;
}

export function createHtmlService(ctx: FakeContext, files: Record<string, string>): object {
  const fileContent = (name: unknown, where: string) => {
    const n = assertString(ctx, name, where);
    const content = files[n] ?? files[`${n}.html`];
    if (content === undefined) throw ctx.exception(`No HTML file named ${n} was found.`);
    return content;
  };
  const output = (content: string): object => {
    const model: HtmlOutputModel = {
      title: null,
      content,
      width: null,
      height: null,
      xFrameOptionsMode: null,
      sandboxMode: null,
      metaTags: [],
      faviconUrl: null,
    };
    const set = <K extends keyof HtmlOutputModel>(key: K, value: HtmlOutputModel[K]) => {
      model[key] = value;
      return self;
    };
    const self: object = ctx.surface(
      'HtmlOutput',
      {
        getContent: () => model.content,
        setContent: (c: unknown) => set('content', assertString(ctx, c, 'HtmlOutput.setContent')),
        append: (c: unknown) => set('content', model.content + assertString(ctx, c, 'HtmlOutput.append')),
        appendUntrusted: (c: unknown) =>
          set('content', model.content + escapeHtml(assertString(ctx, c, 'HtmlOutput.appendUntrusted'))),
        clear: () => set('content', ''),
        getTitle: () => model.title,
        setTitle: (t: unknown) => set('title', assertString(ctx, t, 'HtmlOutput.setTitle')),
        getWidth: () => model.width,
        setWidth: (w: unknown) => set('width', assertInt(ctx, w, 'HtmlOutput.setWidth')),
        getHeight: () => model.height,
        setHeight: (h: unknown) => set('height', assertInt(ctx, h, 'HtmlOutput.setHeight')),
        setXFrameOptionsMode: (m: unknown) =>
          set('xFrameOptionsMode', assertString(ctx, m, 'setXFrameOptionsMode')),
        setSandboxMode: (m: unknown) => set('sandboxMode', assertString(ctx, m, 'setSandboxMode')),
        addMetaTag: (name: unknown, content: unknown) => {
          model.metaTags.push({
            name: assertString(ctx, name, 'HtmlOutput.addMetaTag'),
            content: assertString(ctx, content, 'HtmlOutput.addMetaTag'),
          });
          return self;
        },
        setFaviconUrl: (url: unknown) =>
          set('faviconUrl', assertString(ctx, url, 'HtmlOutput.setFaviconUrl')),
        getFaviconUrl: () => model.faviconUrl,
      },
      { internal: model },
    );
    return self;
  };
  const template = (source: string): object => {
    const vars: Record<string, unknown> = {};
    return ctx.surface(
      'HtmlTemplate',
      {
        evaluate: () => output(compileTemplate(source, vars)),
        getRawContent: () => source,
        getCode: () => source,
      },
      { openProps: vars },
    );
  };
  return ctx.surface('HtmlService', {
    XFrameOptionsMode,
    SandboxMode,
    createHtmlOutput: (html: unknown = '') => output(assertString(ctx, html, 'HtmlService.createHtmlOutput')),
    createHtmlOutputFromFile: (name: unknown) =>
      output(fileContent(name, 'HtmlService.createHtmlOutputFromFile')),
    createTemplate: (html: unknown) => template(assertString(ctx, html, 'HtmlService.createTemplate')),
    createTemplateFromFile: (name: unknown) =>
      template(fileContent(name, 'HtmlService.createTemplateFromFile')),
  });
}
