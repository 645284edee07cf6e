import { MantineProvider } from "@mantine/core";
import { createInstance } from "i18next";
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { i18nConfig } from "#app/modules/i18n/config";
import { theme } from "#app/theme";

/** A route's page as the server renders it at `url`, with the given loader data, in German. */
export async function renderRoute(url: string, Component: ComponentType, data: Record<string, unknown>): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "de" });
  const handler = createStaticHandler([{ id: "page", path: new URL(url, "http://localhost").pathname, loader: () => data, Component }]);
  const context = await handler.query(new Request(new URL(url, "http://localhost")));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
        <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
      </MantineProvider>
    </I18nextProvider>,
  );
}
