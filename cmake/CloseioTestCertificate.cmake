# closeio_add_test_certificate(<target> <dir> <cert-var> <key-var>): a custom target <target> that
# makes a self-signed certificate for localhost/127.0.0.1 (RSA 2048, 10 years) at build time, for
# the TLS tests and benchmarks; the PEM paths are returned in <cert-var> and <key-var>.
function(closeio_add_test_certificate target dir cert_var key_var)
  find_program(OPENSSL_EXECUTABLE openssl REQUIRED)
  set(cert ${dir}/cert.pem)
  set(key ${dir}/key.pem)
  add_custom_command(
    OUTPUT ${cert} ${key}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${OPENSSL_EXECUTABLE} req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650
            -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1
            -keyout ${key} -out ${cert}
    COMMENT "Generating a self-signed test certificate in ${dir}"
    VERBATIM)
  add_custom_target(${target} DEPENDS ${cert} ${key})
  set(${cert_var} ${cert} PARENT_SCOPE)
  set(${key_var} ${key} PARENT_SCOPE)
endfunction()
