# bumper_enable_checks(<target> [REQUIRED] [WARNINGS_AS_ERRORS]
#                      [ESCAPE error|warning|off] [MISSING_GUARD ...]
#                      [UNSCOPED_ALLOC ...] [HEADER_FILTER <regex>]
#                      [SUMMARIES <index>])
#
# Runs Bumper's checks inside the compiler: adds -fplugin=<libBumperPlugin.so>
# (and the matching -fplugin-arg-bumper-... flags) to <target>'s C and C++
# compiles when that language's compiler is Clang 19, the version the plugin
# is built for. bumper-escape is then a compile error wherever the target is
# compiled. Another compiler compiles the target without the checks, with a
# message saying so; REQUIRED makes that an error instead. SUMMARIES: each
# compile writes its unit's summaries beside its object file and checks with
# the index <index> (bumper-tool --merge-summaries makes it). docs/ci.md.
#
# Shipped in the installed CMake package (find_package(Bumper CONFIG)); the
# plugin is looked up relative to this file (<prefix>/<libdir>/bumper/), or
# where BUMPER_PLUGIN points.

if(NOT DEFINED BUMPER_PLUGIN)
  get_filename_component(_bumper_plugin
    "${CMAKE_CURRENT_LIST_DIR}/../../bumper/libBumperPlugin.so" ABSOLUTE)
  set(BUMPER_PLUGIN "${_bumper_plugin}" CACHE FILEPATH
    "Bumper's compiler plugin (libBumperPlugin.so) for bumper_enable_checks()")
  unset(_bumper_plugin)
endif()

function(bumper_enable_checks target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "REQUIRED;WARNINGS_AS_ERRORS"
    "ESCAPE;MISSING_GUARD;UNSCOPED_ALLOC;HEADER_FILTER;SUMMARIES" "")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "bumper_enable_checks: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "bumper_enable_checks: no target named '${target}'")
  endif()
  if(NOT EXISTS "${BUMPER_PLUGIN}")
    message(FATAL_ERROR "bumper_enable_checks(${target}): the compiler plugin "
      "'${BUMPER_PLUGIN}' does not exist: this Bumper installation was built "
      "without bumper-tool, or set BUMPER_PLUGIN to libBumperPlugin.so")
  endif()

  set(flags "-fplugin=${BUMPER_PLUGIN}")
  foreach(check ESCAPE MISSING_GUARD UNSCOPED_ALLOC)
    if(DEFINED ARG_${check})
      if(NOT ARG_${check} MATCHES "^(error|warning|off)$")
        message(FATAL_ERROR "bumper_enable_checks(${target}): ${check} "
          "'${ARG_${check}}' is not one of error, warning, off")
      endif()
      string(TOLOWER "${check}" name)
      string(REPLACE "_" "-" name "${name}")
      list(APPEND flags "-fplugin-arg-bumper-${name}=${ARG_${check}}")
    endif()
  endforeach()
  if(ARG_WARNINGS_AS_ERRORS)
    list(APPEND flags "-fplugin-arg-bumper-warnings-as-errors")
  endif()
  if(DEFINED ARG_HEADER_FILTER)
    list(APPEND flags "-fplugin-arg-bumper-header-filter=${ARG_HEADER_FILTER}")
  endif()
  if(DEFINED ARG_SUMMARIES)
    get_filename_component(index "${ARG_SUMMARIES}" ABSOLUTE
      BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    list(APPEND flags "-fplugin-arg-bumper-summary-out"
      "-fplugin-arg-bumper-summaries=${index}")
  endif()

  set(enabled "")
  foreach(lang CXX C)
    if(NOT CMAKE_${lang}_COMPILER_LOADED)
      continue()
    endif()
    set(id "${CMAKE_${lang}_COMPILER_ID}")
    set(version "${CMAKE_${lang}_COMPILER_VERSION}")
    get_filename_component(compiler_name "${CMAKE_${lang}_COMPILER}" NAME)
    if(compiler_name MATCHES "^bumper-clang")
      # The wrapper loads the plugin itself (and distccd would refuse an
      # explicit -fplugin=): only the plugin's arguments are added.
      foreach(flag IN LISTS flags)
        if(NOT flag MATCHES "^-fplugin=")
          target_compile_options(${target} PRIVATE
            "$<$<COMPILE_LANGUAGE:${lang}>:${flag}>")
        endif()
      endforeach()
      list(APPEND enabled ${lang})
      continue()
    endif()
    if(id STREQUAL "Clang" AND version MATCHES "^19\\.")
      foreach(flag IN LISTS flags)
        target_compile_options(${target} PRIVATE
          "$<$<COMPILE_LANGUAGE:${lang}>:${flag}>")
      endforeach()
      list(APPEND enabled ${lang})
    elseif(lang STREQUAL "CXX")
      set(why "the C++ compiler is ${id} ${version}; the Bumper plugin needs Clang 19 (-DCMAKE_CXX_COMPILER=clang++-19)")
      if(ARG_REQUIRED)
        message(FATAL_ERROR "bumper_enable_checks(${target}): ${why}")
      endif()
      message(NOTICE "bumper_enable_checks(${target}): not enabled: ${why}")
    endif()
  endforeach()
  if(enabled)
    list(JOIN enabled " and " languages)
    message(STATUS "bumper_enable_checks(${target}): Bumper's checks run in "
      "its ${languages} compiles")
  endif()
endfunction()
