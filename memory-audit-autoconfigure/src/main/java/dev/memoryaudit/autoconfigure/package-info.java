/**
 * Spring Boot auto-configuration and {@code memory.audit.*} properties. Wiring only: no logic lives here.
 */
@NullMarked
package dev.memoryaudit.autoconfigure;

import org.jspecify.annotations.NullMarked;
