import { MantineProvider } from "@mantine/core";
import { createInstance, type i18n as I18n } from "i18next";
import type { ComponentType, ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { i18nConfig } from "#app/modules/i18n/config";
import { theme } from "#app/theme";

async function i18nFor(lng: string): Promise<I18n> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng });
  return i18n;
}

/** The markup the server sends for some UI, with the app's translations and theme. */
async function renderWithApp(children: ReactNode, lng: string): Promise<string> {
  return renderToStaticMarkup(
    <I18nextProvider i18n={await i18nFor(lng)}>
      <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
        {children}
      </MantineProvider>
    </I18nextProvider>,
  );
}

/** A component as the server renders it, inside a router at `url`, in German unless told otherwise. */
export function renderComponent(element: ReactNode, lng = "de", url = "/"): Promise<string> {
  return renderWithApp(<MemoryRouter initialEntries={[url]}>{element}</MemoryRouter>, lng);
}

/** A route's page as the server renders it at `url`, with the given loader data, in German. */
export async function renderRoute(url: string, Component: ComponentType, data: Record<string, unknown>): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: new URL(url, "http://localhost").pathname, loader: () => data, Component }]);
  const context = await handler.query(new Request(new URL(url, "http://localhost")));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderWithApp(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />, "de");
}
