/**
 * Spring Boot auto-configuration and {@code memory.audit.*} properties. Wiring only: no logic lives here.
 */
package dev.memoryaudit.autoconfigure;
