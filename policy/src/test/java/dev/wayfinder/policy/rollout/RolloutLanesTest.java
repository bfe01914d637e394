package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.data.SampleSink;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollouts in two lanes (half the envs observed, decided, simulated and rendered on a second thread) give the run of
 * one lane, outcome for outcome and dataset sample for sample, in order; and evaluation without the expert (whose
 * label nothing uses there) ends its episodes as evaluation with the expert labelling every step.
 */
@ExtendWith(NeedsEgl.class)
class RolloutLanesTest {
    /** The samples a run stores, in order: their count and a checksum over image, state and label. */
    private static final class Samples implements SampleSink {
        final CRC32 crc = new CRC32();
        final List<Integer> labels = new ArrayList<>();

        @Override
        public void add(byte[] rgb, float[] state, int stateAt, int label) {
            crc.update(rgb);
            ByteBuffer b = ByteBuffer.allocate(4 * (state.length - stateAt) + 4);
            for (int i = stateAt; i < state.length; i++) {
                b.putFloat(state[i]);
            }
            b.putInt(label);
            crc.update(b.array());
            labels.add(label);
        }
    }

    private record Run(Rollouts.Outcome outcome, long crc, List<Integer> labels) {
    }

    private static Run run(Scenario s, int lanes, PolicyWeights w, SafetyShield.Settings shield, Rollouts.Plan plan,
                           boolean dataset) {
        try (Rollouts r = new Rollouts(List.of(s), 8, true, lanes)) {
            assertEquals(lanes, r.lanes());
            r.sensors(SimRobot.Sensors.RGBD_MAP.withObstacleLayer(true));
            r.shield(shield);
            Samples samples = dataset ? new Samples() : null;
            Rollouts.Outcome o = r.run(plan, Optional.of(new InferencePolicy(w, 8)), Optional.ofNullable(samples),
                    Optional.empty());
            return new Run(o, dataset ? samples.crc.getValue() : 0, dataset ? samples.labels : List.of());
        }
    }

    @Test
    void twoLanesCollectTheSameDatasetAsOne() throws Exception {
        long seed = 17;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT, seed);
        Scenario s = ScenarioLibrary.load("cluttered-room");
        Rollouts.Plan plan = new Rollouts.Plan(Driver.MIXED, 0.5, Split.TRAIN, 3, 700, Integer.MAX_VALUE, seed, 0.5);
        Run one = run(s, 1, w, null, plan, true);
        Run two = run(s, 2, w, null, plan, true);
        assertEquals(700, one.outcome().steps(), "seed " + seed);
        assertEquals(one.labels(), two.labels(), "seed " + seed + ": the expert's labels in order");
        assertEquals(one.crc(), two.crc(), "seed " + seed + ": the samples' bytes in order");
        assertEquals(one.outcome(), two.outcome(), "seed " + seed);
    }

    @Test
    void twoLanesOfARecurrentNetworkLinkTheSameSequences() throws Exception {
        long seed = 23;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT.withRecurrentUnits(16), seed);
        Scenario s = ScenarioLibrary.load("empty-arena");
        Rollouts.Plan plan = new Rollouts.Plan(Driver.MIXED, 0.3, Split.TRAIN, 0, 500, Integer.MAX_VALUE, seed);
        Run one = run(s, 1, w, null, plan, true);
        Run two = run(s, 2, w, null, plan, true);
        assertEquals(one.crc(), two.crc(), "seed " + seed + ": samples with their hidden states and sequence links");
        assertEquals(one.outcome(), two.outcome(), "seed " + seed);
    }

    @Test
    void twoLanesEvaluateTheSameEpisodesThroughTheShield() throws Exception {
        long seed = 5;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT, seed);
        Scenario s = ScenarioLibrary.load("empty-arena");
        Rollouts.Plan plan = new Rollouts.Plan(Driver.POLICY, 0, Split.VALIDATION, 0, Long.MAX_VALUE, 10, seed);
        Run one = run(s, 1, w, SafetyShield.Settings.DEFAULT, plan, false);
        Run two = run(s, 2, w, SafetyShield.Settings.DEFAULT, plan, false);
        assertEquals(10, one.outcome().episodes().size(), "seed " + seed);
        assertEquals(one.outcome(), two.outcome(), "seed " + seed);
    }

    @Test
    void evaluationWithoutTheExpertEndsItsEpisodesAsWithTheExpertLabelling() throws Exception {
        long seed = 9;
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT, seed);
        Scenario s = ScenarioLibrary.load("cluttered-room");
        Rollouts.Plan plan = new Rollouts.Plan(Driver.POLICY, 0, Split.VALIDATION, 0, Long.MAX_VALUE, 8, seed);
        Run unlabelled = run(s, 2, w, SafetyShield.Settings.DEFAULT, plan, false);
        Run labelled = run(s, 2, w, SafetyShield.Settings.DEFAULT, plan, true);
        List<EpisodeOutcome> episodes = unlabelled.outcome().episodes();
        assertEquals(8, episodes.size(), "seed " + seed);
        assertEquals(episodes, labelled.outcome().episodes(), "seed " + seed);
        // The labelled run did run the expert: its labels are real choices, not the -1 of a skipped expert.
        assertTrue(labelled.labels().stream().allMatch(l -> l >= 0), "seed " + seed);
        assertNotEquals(0, labelled.labels().size(), "seed " + seed);
    }

    @Test
    void twoLanesNeedAMultipleOfFourEnvs() throws Exception {
        Scenario s = ScenarioLibrary.load("empty-arena");
        var e = assertThrows(IllegalArgumentException.class, () -> new Rollouts(List.of(s), 6, false, 2));
        assertTrue(e.getMessage().contains("multiple of 4") && e.getMessage().contains("6 envs"), e.getMessage());
        assertEquals(1, Rollouts.defaultLanes(6));
        assertEquals(1, Rollouts.defaultLanes(4));
    }
}
