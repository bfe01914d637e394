package dev.wayfinder.ros.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Twist;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTreeTest {

    @Test
    void fieldsHaveTheirRosNamesAndLongByteSequencesAreAbbreviated() {
        Map<String, Object> img = MessageTree.of(new Image(new Header(new Time(1, 2), "cam"), 2, 300, "rgb8", false,
                900, new byte[1800]));
        assertEquals(Map.of("sec", 1, "nanosec", 2), ((Map<?, ?>) ((Map<?, ?>) img.get("header")).get("stamp")));
        assertEquals(false, img.get("is_bigendian"));
        assertEquals("<sequence of 1800 elements>", img.get("data"));
        Map<String, Object> small = MessageTree.of(new Image(new Header(new Time(0, 0), ""), 1, 2, "mono8", false, 2,
                new byte[] {(byte) 200, 7}));
        assertEquals(List.of(200, 7), small.get("data"));
    }

    @Test
    void theFlowTextPubPrintsReadsBackAsTheSameMessage() {
        StringMessage s = new StringMessage("hello, robot: 'hi'");
        assertEquals(s, MessageValues.parse(StringMessage.class, MessageTree.flow(MessageTree.of(s))));
        TFMessage tf = MessageValues.parse(TFMessage.class,
                "{transforms: [{child_frame_id: a, header: {frame_id: odom}}, {transform: {rotation: {w: 1}}}]}");
        String text = MessageTree.flow(MessageTree.of(tf));
        assertEquals(MessageTree.of(tf), MessageTree.of(MessageValues.parse(TFMessage.class, text)), text);
        Odometry odom = MessageValues.parse(Odometry.class, "{child_frame_id: base_link, twist: {linear: {x: 0.5}}}");
        String o = MessageTree.flow(MessageTree.of(odom));
        assertEquals(MessageTree.of(odom), MessageTree.of(MessageValues.parse(Odometry.class, o)), o);
    }

    @Test
    void flowTextQuotesWhatEchoTextQuotesAndTextStartingWithAnAngleBracket() {
        assertEquals("{data: 'a: b'}", MessageTree.flow(MessageTree.of(new StringMessage("a: b"))));
        assertEquals("data: 'a: b'\n", MessageText.toYaml(new StringMessage("a: b")));
        assertEquals("{data: '<x>'}", MessageTree.flow(MessageTree.of(new StringMessage("<x>"))));
        assertEquals("data: <x>\n", MessageText.toYaml(new StringMessage("<x>")));
        assertEquals("{data: ''}", MessageTree.flow(MessageTree.of(new StringMessage(""))));
    }

    @Test
    void examplesForHelpTextsStartWithTheFirstField() {
        assertEquals("linear: {...}", MessageValues.example(Twist.class));
        assertEquals("data: ...", MessageValues.example(StringMessage.class));
        assertEquals("linear, angular", MessageValues.describe(Twist.class));
    }
}
