/**
 * Files the starter writes: private directories ({@code rwx------}) and their removal. Spring-free.
 */
@NullMarked
package dev.memoryaudit.io;

import org.jspecify.annotations.NullMarked;
