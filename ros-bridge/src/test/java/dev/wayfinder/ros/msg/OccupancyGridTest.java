package dev.wayfinder.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wayfinder.ros.cdr.CdrException;
import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OccupancyGridTest {
    private static final long SEED = 7331L;

    private static OccupancyGrid grid(Random rnd) {
        byte[] cells = new byte[7 * 5];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (byte) (rnd.nextInt(102) - 1);
        }
        return new OccupancyGrid(new Header(new Time(12, 345), "map"),
                new OccupancyGrid.MapMetaData(new Time(3, 4), 0.05f, 7, 5,
                        new Pose(new Point(-1.5, -2.0, 0), Quaternion.IDENTITY)), cells);
    }

    @Test
    void roundTripsInBothByteOrders() {
        OccupancyGrid g = grid(new Random(SEED));
        assertEquals(g, OccupancyGrid.TYPE.deserialize(OccupancyGrid.TYPE.serialize(g)), "LE, seed " + SEED);
        CdrWriter w = new CdrWriter(true, 64);
        OccupancyGrid.TYPE.write(g, w);
        OccupancyGrid back = OccupancyGrid.TYPE.read(new CdrReader(w.toByteArray()));
        assertEquals(g, back, "BE, seed " + SEED);
        assertArrayEquals(g.data(), back.data());
        assertEquals(0.05f, back.info().resolution());
    }

    @Test
    void truncatedPayloadsAreRejectedAsMalformed() {
        byte[] le = OccupancyGrid.TYPE.serialize(grid(new Random(SEED)));
        for (int cut = 4; cut < le.length - 3; cut += 5) {
            byte[] t = Arrays.copyOf(le, cut);
            assertThrows(CdrException.class, () -> OccupancyGrid.TYPE.deserialize(t), "cut at " + cut);
        }
    }
}
