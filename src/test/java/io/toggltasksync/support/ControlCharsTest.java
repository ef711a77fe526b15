package io.toggltasksync.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharsTest {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";

    @Test
    void escapeWritesEachControlAsItsCode() {
        assertThat(ControlChars.escape("red " + ESC + "[31mALPHA-1" + ESC + "[0m\u0000\r\nforged line\t\u007f\u009b"))
                .isEqualTo("red \\u001b[31mALPHA-1\\u001b[0m\\u0000\\u000d\\u000aforged line\\u0009\\u007f\\u009b");
        assertThat(ControlChars.escape(ESC + "]0;title" + BEL)).isEqualTo("\\u001b]0;title\\u0007");
        assertThat(ControlChars.escape("abc\u202Edcb\u2066\u2069\u2028")).isEqualTo("abc\\u202edcb\\u2066\\u2069\\u2028");
    }

    @Test
    void escapeLeavesTextWithoutControlsAsItIs() {
        String text = "Größe prüfen 日本語 Ship it 🚀👩‍💻 \u05e9\u05dc\u05d5\u05dd \u200f\\u001b";
        assertThat(ControlChars.escape(text)).isSameAs(text);
        assertThat(ControlChars.escape(null)).isNull();
    }

    @Test
    void stripRemovesWholeEscapeSequencesAndControls() {
        assertThat(ControlChars.strip("Fix" + ESC + "[1;31m the" + ESC + "[0m login\u0000")).isEqualTo("Fix the login");
        assertThat(ControlChars.strip(ESC + "]0;pwned" + BEL + "Title")).isEqualTo("Title");
        assertThat(ControlChars.strip(ESC + "]8;;http://evil" + ESC + "\\link" + ESC + "]8;;" + ESC + "\\")).isEqualTo("link");
        assertThat(ControlChars.strip("\u009b31mC1 form\u009d2;x\u009c")).isEqualTo("C1 form");
        assertThat(ControlChars.strip("reset" + ESC + "c and charset" + ESC + "(B")).isEqualTo("reset and charset");
        assertThat(ControlChars.strip("open " + ESC + "]0;never terminated")).isEqualTo("open ");
        assertThat(ControlChars.strip("a\u202Eevil\u202C b\u2067x\u2069 c\u007f\u0085")).isEqualTo("aevil bx c");
    }

    @Test
    void stripKeepsWhatIsText() {
        // emoji joiners, right-to-left letters and their marks are text, not overrides
        String text = "Ship it 🚀👩‍💻 \u05e9\u05dc\u05d5\u05dd\u200f (x)";
        assertThat(ControlChars.strip(text)).isSameAs(text);
    }
}
