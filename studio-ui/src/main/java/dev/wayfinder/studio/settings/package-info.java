/** What the studio remembers between runs (recent files, theme, window and panel layout). */
package dev.wayfinder.studio.settings;
