# cmake -DIN=FILE -DOUT=HEADER -DNAME=kName -P embed_text.cmake
# Writes HEADER declaring `inline constexpr char kName[]` holding FILE's text
# (a raw string literal: FILE must not contain ")EMBED\"").
include(${CMAKE_CURRENT_LIST_DIR}/write_if_changed.cmake)
file(READ ${IN} text)
get_filename_component(file_name ${IN} NAME)
write_if_changed(${OUT} "// Generated from ${file_name} by cmake/embed_text.cmake.
#pragma once
inline constexpr char ${NAME}[] = R\"EMBED(${text})EMBED\";
")
