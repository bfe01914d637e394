package dev.wayfinder.studio;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.library.FxDialogs;
import dev.wayfinder.studio.settings.StudioSettings;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Stage;

/** Opens the interactive main window with the user's settings and real dialogs. FX thread. */
final class StudioWindows {
    private StudioWindows() {
    }

    static MainWindow openMain(Scenario scenario, Optional<Path> file, Optional<Path> shippedModel, Runnable onClosed) {
        StudioSettings settings = StudioSettings.load(StudioSettings.defaultFile());
        Themes.apply(settings.dark());
        WindowPlacement.fitToScreen(settings);
        Stage stage = new Stage();
        MainWindow w = new MainWindow(stage, settings, FxDialogs::new, scenario, file, shippedModel);
        stage.setOnHidden(e -> onClosed.run());
        stage.show();
        return w;
    }
}
