package dev.wayfinder.studio.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.Vector3;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.Themes;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ROS 2 tab headless: a publisher this test runs on a domain of its own shows up in the topic list with its rate,
 * selecting its row echoes its messages, Pause keeps the text, and a bad domain is told, not thrown.
 */
@ExtendWith(ApplicationExtension.class)
class RosPaneTest {
    private final long seed = System.nanoTime();
    private final int domain = 100 + new Random(seed).nextInt(130);
    private final String topic = "/studio_pane_" + Long.toHexString(seed & 0xffffffL) + "/cmd_vel";
    private final ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor();
    private final List<String> errors = new ArrayList<>();
    private RosModel model;
    private RosPane pane;
    private Node peer;

    @Start
    void start(Stage stage) {
        Themes.apply(false);
        model = new RosModel(new ScenarioDocument(Fixtures.bundled("empty-arena")), Optional.empty(),
                TrainLauncher.of(List.of("false")), Path.of(""), Map.of("ROS_DOMAIN_ID", Integer.toString(domain)),
                Platform::runLater);
        pane = new RosPane(model, Optional::empty, (what, why) -> errors.add(what + ": " + why));
        // About the size the tab has in the main window at 1440x900.
        stage.setScene(new Scene(pane, 860, 600));
        stage.show();
        model.start();
    }

    @AfterEach
    void close() throws Exception {
        publishing.shutdownNow();
        WaitForAsyncUtils.asyncFx(model::close).get(10, TimeUnit.SECONDS);
        if (peer != null) {
            peer.close();
        }
    }

    private String where() {
        return " (seed " + seed + ", domain " + domain + ")";
    }

    private void await(BooleanSupplier onFx, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (WaitForAsyncUtils.asyncFx(onFx::getAsBoolean).get(10, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + where() + "; "
                + WaitForAsyncUtils.asyncFx(() -> model.networkStatusProperty().get()).get());
    }

    /** A picture to look at. */
    private void picture(Path file) throws Exception {
        javafx.scene.image.WritableImage fx = WaitForAsyncUtils.asyncFx(() -> pane.getScene().snapshot(null)).get();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage((int) fx.getWidth(), (int) fx.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] row = new int[img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            fx.getPixelReader().getPixels(0, y, img.getWidth(), 1, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    row, 0, img.getWidth());
            img.setRGB(0, y, img.getWidth(), 1, row, 0, img.getWidth());
        }
        dev.wayfinder.scenarios.image.Png.write(img, file);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPublishedTopicIsListedAndItsRowEchoesIt(FxRobot robot) throws Exception {
        peer = Node.create("studio_pane_peer", NodeOptions.localhost(domain));
        Publisher<Twist> pub = peer.publisher(Twist.TYPE, topic, QosProfile.DEFAULT);
        AtomicInteger n = new AtomicInteger();
        publishing.scheduleAtFixedRate(() -> pub.publish(new Twist(new Vector3(0.01 * n.incrementAndGet(), 0, 0),
                Vector3.ZERO)), 0, 100, TimeUnit.MILLISECONDS);
        TableView<TopicRow> table = robot.from(pane).lookup("#ros-topics").queryAs(TableView.class);
        await(() -> table.getItems().stream().anyMatch(r -> r.name().equals(topic) && r.rateHz().isPresent()),
                "the topic's row with a rate");
        TopicRow row = WaitForAsyncUtils.asyncFx(() -> table.getItems().stream().filter(r -> r.name().equals(topic))
                .findFirst().orElseThrow()).get();
        assertEquals("geometry_msgs/msg/Twist", row.type());
        assertEquals(1, row.publishers());
        assertTrue(row.rateText().endsWith(" Hz"), row.rateText());

        robot.interact(() -> table.getSelectionModel().select(row));
        javafx.scene.control.TextArea echo = pane.echoText();
        await(() -> echo.getText().contains("linear:\n  x: "), "the echo's YAML");
        String status = robot.from(pane).lookup("#ros-echo-status").queryAs(Label.class).getText();
        assertEquals("echoing " + topic + " [geometry_msgs/msg/Twist]", status);
        assertTrue(echo.getText().contains("angular:\n  x: 0.0\n") && echo.getText().contains("---\n"),
                echo.getText());
        // The list is refreshed every second: the row stays selected, so the echo goes on.
        Thread.sleep(1500);
        assertEquals(topic, WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().getSelectedItem().name()).get());
        picture(Path.of("target", "ros-pane.png"));

        robot.interact(() -> robot.from(pane).lookup("#ros-echo-pause").queryAs(ToggleButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        String frozen = WaitForAsyncUtils.asyncFx(() -> echo.getText()).get();
        Thread.sleep(800);
        assertEquals(frozen, WaitForAsyncUtils.asyncFx(() -> echo.getText()).get(), "paused: the text stays");
        robot.interact(() -> robot.from(pane).lookup("#ros-echo-pause").queryAs(ToggleButton.class).fire());
        await(() -> !echo.getText().equals(frozen), "the echo to go on");

        robot.interact(() -> {
            TextField d = robot.from(pane).lookup("#ros-domain").queryAs(TextField.class);
            d.setText("300");
            d.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Change the ROS domain: Domain: '300' is not a ROS domain id; expected a whole number"
                + " in 0..232"), errors);
        assertEquals(Integer.toString(domain), robot.from(pane).lookup("#ros-domain").queryAs(TextField.class)
                .getText(), "the field shows the domain in use again");
        int other = domain == 229 ? 100 : domain + 1;
        robot.interact(() -> {
            try {
                model.setNetwork(new RosNetwork(other, false));
            } catch (dev.wayfinder.studio.StudioException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(Integer.toString(other), robot.from(pane).lookup("#ros-domain").queryAs(TextField.class)
                .getText(), "the field follows the model");
        assertTrue(!robot.from(pane).lookup("#ros-localhost").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected());
        assertTrue(robot.from(pane).lookup("#ros-sim-stop").query().isDisabled(), "nothing to stop");
        assertTrue(!robot.from(pane).lookup("#ros-sim-start").query().isDisabled());
    }
}
