// SPDX-License-Identifier: GPL-2.0-only
//
// RADIUS test vectors shared by the codec and authenticator tests: the
// packets of RFC 2865 section 7 and the RADIUS payloads of a real capture.
#ifndef IPVPN_RADIUS_TEST_VECTORS_H
#define IPVPN_RADIUS_TEST_VECTORS_H

#include <string>

namespace radiustest
{

// Shared secret of the RFC 2865 section 7 examples.
inline const std::string RFC2865_SECRET = "xyzzy5461";
// Shared secret of RADIUS-RFC4675.pcap (corpus README).
inline const std::string RFC4675_SECRET = "testing123";

// RFC 2865 section 7.1 (User Telnet to Specified Host), secret "xyzzy5461".
inline const char* RFC2865_71_REQUEST = "01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb"
                                 "98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d"
                                 "93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8"
                                 "01 10 05 06 00 00 00 03";
inline const char* RFC2865_71_ACCEPT = "02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf"
                                "9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00"
                                "0e 06 c0 a8 01 03";
// RFC 2865 section 7.2 (Framed User Authenticating with CHAP).
inline const char* RFC2865_72_REQUEST = "01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e"
                                 "0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13 16 e9"
                                 "75 57 c3 16 18 58 95 f2 93 ff 63 44 07 72 75 04"
                                 "06 c0 a8 01 10 05 06 00 00 00 14 06 06 00 00 00"
                                 "02 07 06 00 00 00 01";
inline const char* RFC2865_72_ACCEPT = "02 01 00 38 15 ef bc 7d ab 26 cf a3 dc 34 d9 c0"
                                "3c 86 01 a4 06 06 00 00 00 02 07 06 00 00 00 01"
                                "08 06 ff ff ff fe 0a 06 00 00 00 02 0d 06 00 00"
                                "00 01 0c 06 00 00 05 dc";

// RADIUS UDP payloads of ../shared/corpus/pcap/tcpdump/RADIUS-RFC4675.pcap,
// extracted with `tshark -r RADIUS-RFC4675.pcap -T fields -e udp.payload`.
inline const char* RFC4675_FRAME[6] = {
    // frame 1: Access-Request id 70
    "01460050f44757bc498c3393763a27d0b2393702010c626f622d7461676765640212a30e22b0369e89f89e"
    "b6e0612c2c3c2304067f0000010506000000015012ffb19e8ea9620aec372d7fa3b2c76287",
    // frame 2: Access-Accept id 70
    "02460035766a0314eaf4b95f1ec271ae19cb3bdc38063100007b3906000000013a0b31766c616e6e616d65"
    "3b0a6162636461626364",
    // frame 3: Access-Request id 181
    "01b5005211851d8b1b483f54a864b703ea21f4dc010e626f622d756e7461676765640212f969a007453d0f"
    "91bb586e8ed679bf4604067f0000010506000000015012af8f6f9bd87d66d1c364ad3bfe9e525b",
    // frame 4: Access-Accept id 181
    "02b5002be223a663823b20ccc18bcf90c3ecbe2738063200007b3906000000023a0b32766c616e6e616d65",
    // frame 5: Access-Request id 90
    "015a00518dd685f50f837e8ad29e9cc095261172010d626f622d696e76616c696402125a72c916f6f49bbe"
    "89ce236e0a5969fe04067f0000010506000000015012c39fb2d328b7a55e41cc66bf89f1acd5",
    // frame 6: Access-Accept id 90
    "025a002bfbaa7d05d009953514d00697da4d1dfc38063300007b3906000000033a0b33766c616e6e616d65",
};


} // namespace radiustest

#endif
