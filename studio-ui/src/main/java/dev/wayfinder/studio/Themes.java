package dev.wayfinder.studio;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The AtlantaFX Primer themes, light and dark, applied application-wide. FX thread. */
public final class Themes {
    private Themes() {
    }

    /** Makes Primer Dark ({@code dark}) or Primer Light the user agent stylesheet of every window. */
    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
