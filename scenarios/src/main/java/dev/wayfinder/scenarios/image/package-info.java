/** Image files shared by every module that writes pictures: {@link dev.wayfinder.scenarios.image.Png}. */
package dev.wayfinder.scenarios.image;
