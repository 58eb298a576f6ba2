/**
 * Active HTTP sessions of the embedded servlet container with their bound and timeout, and their trend. Spring-free;
 * {@link dev.memoryaudit.audit.sessions.TomcatSessionSource} is loaded only when Tomcat is present.
 */
package dev.memoryaudit.audit.sessions;
