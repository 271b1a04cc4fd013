# Installation and the Debian package (`cpack -G DEB` in the build
# directory): both binaries, the hardened systemd unit, the backup job and
# its timer, the configuration under /etc/mediation (conffiles), and the
# maintainer scripts of deploy/debian (user, keys, unit enabled).
install(TARGETS mediationd mediationctl RUNTIME DESTINATION bin)
install(FILES deploy/systemd/mediationd.service
              deploy/systemd/mediation-sauvegarde.service
              deploy/systemd/mediation-sauvegarde.timer
        DESTINATION lib/systemd/system)
install(FILES deploy/mediationd.conf deploy/sauvegarde.env
        DESTINATION /etc/mediation)
install(FILES README.md DESTINATION share/doc/mediation)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mediation)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Direction de la médiation <mediation@assurance-maladie.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Mediation service of the Assurance Maladie (gRPC, event-sourced)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser and openssl for the postinst (user, keys).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, openssl")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
