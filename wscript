# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil -*-
# SPDX-License-Identifier: GPL-2.0-only
#
# The ipvpn module for waf-era ns-3 (3.35 and older). The file lists are read
# from CMakeLists.txt, so there is one list of sources for both build systems.
import os
import re


def _cmake_list(name):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'CMakeLists.txt')) as f:
        text = f.read()
    match = re.search(r'set\(%s\s+(.*?)\)' % name, text, re.S)
    return match.group(1).split() if match else []


def configure(conf):
    for pkg, store in (('yaml-cpp', 'YAMLCPP'), ('fmt', 'FMT'), ('libcrypto', 'CRYPTO')):
        conf.check_cfg(package=pkg, uselib_store=store, args=['--cflags', '--libs'],
                       mandatory=True)
    conf.env.append_value('CXXFLAGS', '-std=c++17')


def build(bld):
    module = bld.create_ns3_module('ipvpn', ['core', 'network', 'internet', 'internet-apps',
                                             'applications', 'point-to-point', 'csma',
                                             'mobility', 'netanim'])
    module.source = _cmake_list('IPVPN_SOURCES')
    module.use += ['YAMLCPP', 'FMT', 'CRYPTO']

    module_test = bld.create_ns3_module_test_library('ipvpn')
    module_test.source = _cmake_list('IPVPN_NS3_TEST_SOURCES')

    headers = bld(features='ns3header')
    headers.module = 'ipvpn'
    headers.source = _cmake_list('IPVPN_HEADERS')

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
